#!/usr/bin/env bash
# Installs the moto tier's emulator (moto_server, pinned in requirements.txt) into a git-ignored
# virtualenv, .venv-moto/server. Idempotent: the venv is rebuilt only when the pins, the
# interpreter or uv change. Prints nothing else when it is already in place.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
home="${MOTO_TIER_HOME:-$root/.venv-moto}"
mkdir -p "$home"
# One installer at a time: parallel runs share this checkout.
exec 9>"$home/.install.lock"
flock 9
export PYTHON_TIER_HOME="$home"
source "$root/test/python/lib/uv.sh"

venv="$home/server"
lock="$here/requirements.txt"
stamp="$( { cat "$lock"; "${PYTHON:-python3.11}" --version; "$UV" --version; } | sha256sum | cut -d' ' -f1)"
if [[ -f "$venv/.pinned-hash" && "$(cat "$venv/.pinned-hash")" == "$stamp" ]]; then
  exit 0
fi
echo "moto-tier: installing moto into $venv ..."
started=$SECONDS
rm -rf "$venv"
"$UV" venv --quiet --python "${PYTHON:-python3.11}" "$venv"
"$UV" pip sync --quiet --python "$venv/bin/python" "$lock"
echo "$stamp" > "$venv/.pinned-hash"
echo "moto-tier: moto installed in $((SECONDS - started))s"
