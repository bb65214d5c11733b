# Sourced: sets UV to a pinned uv binary, bootstrapped with pip into the tier's folder when absent.
# uv comes from PyPI; Python builds are never downloaded (the machine's python3.11 is used).
: "${PYTHON_TIER_HOME:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)/.venv-python-tier}"
UV_VERSION=0.13.9
export UV_PYTHON_DOWNLOADS=never
# Trust the system's certificate store, as pip here does.
export UV_NATIVE_TLS="${UV_NATIVE_TLS:-1}"
UV="$PYTHON_TIER_HOME/bootstrap/bin/uv"
if [[ ! -x "$UV" ]] || [[ "$("$UV" --version 2>/dev/null)" != "uv $UV_VERSION"* ]]; then
  rm -rf "$PYTHON_TIER_HOME/bootstrap"
  mkdir -p "$PYTHON_TIER_HOME"
  "${PYTHON:-python3.11}" -m venv "$PYTHON_TIER_HOME/bootstrap"
  "$PYTHON_TIER_HOME/bootstrap/bin/python" -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
fi
