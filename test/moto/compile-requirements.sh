#!/usr/bin/env bash
# Re-pins the moto tier: resolves requirements.in to the exactly pinned requirements.txt that
# install.sh installs. Run by hand after changing requirements.in.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export PYTHON_TIER_HOME="${MOTO_TIER_HOME:-$root/.venv-moto}"
source "$root/test/python/lib/uv.sh"
"$UV" pip compile --quiet --python-version 3.11 --python-platform x86_64-manylinux_2_28 \
  --no-header --annotation-style line "$here/requirements.in" -o "$here/requirements.txt" "$@"
echo "pinned requirements.txt: $(grep -c '==' "$here/requirements.txt") packages"
