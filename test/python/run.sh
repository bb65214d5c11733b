#!/usr/bin/env bash
# The Python tier: installs the real framework packages from pinned files into git-ignored virtualenvs
# (one per framework, since their pins conflict, plus one for the test runner and its local servers),
# then runs pytest. Idempotent: a venv is rebuilt only when its pinned file changes.
# Usage: bash test/python/run.sh [pytest args...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export PYTHON_TIER_HOME="${PYTHON_TIER_HOME:-$root/.venv-python-tier}"
mkdir -p "$PYTHON_TIER_HOME"
# One installer at a time: several people (or runs) share this checkout.
exec 9>"$PYTHON_TIER_HOME/.install.lock"
flock 9
source "$here/lib/uv.sh"

started=$SECONDS
for lock in "$here"/requirements/*.txt; do
  name="$(basename "$lock" .txt)"
  venv="$PYTHON_TIER_HOME/$name"
  # The stamp covers the pins, the interpreter and uv: any change rebuilds the venv from scratch.
  stamp="$( { cat "$lock"; "${PYTHON:-python3.11}" --version; "$UV" --version; } | sha256sum | cut -d' ' -f1)"
  if [[ -f "$venv/.pinned-hash" && "$(cat "$venv/.pinned-hash")" == "$stamp" ]]; then
    continue
  fi
  echo "python-tier: installing $name from $(basename "$lock") ..."
  t0=$SECONDS
  rm -rf "$venv"
  "$UV" venv --quiet --python "${PYTHON:-python3.11}" "$venv"
  "$UV" pip sync --quiet --python "$venv/bin/python" "$lock"
  echo "$stamp" > "$venv/.pinned-hash"
  echo "python-tier: $name installed in $((SECONDS - t0))s"
done
echo "python-tier: virtualenvs ready in $((SECONDS - started))s"
exec 9>&-  # releases the lock

cd "$root"
# Run the whole tier unless the arguments name test files or folders themselves.
targets=("$here")
for arg in "$@"; do
  if [[ "$arg" != -* && -e "${arg%%::*}" ]]; then targets=(); break; fi
done
set +e
"$PYTHON_TIER_HOME/runner/bin/python" -m pytest "${targets[@]}" -p no:cacheprovider -ra "$@"
status=$?
set -e
if [[ $status -eq 5 ]]; then
  echo "python-tier: pytest collected no tests; that is a failure" >&2
  exit 1
fi
exit $status
