#!/usr/bin/env bash
# The moto tier: installs moto (idempotent, see install.sh), then runs the tier's vitest files.
# Each file starts its own moto_server on 127.0.0.1 (a free port) and stops its process group when
# it ends. Here a missing moto fails the run instead of skipping the files.
# Usage: bash test/moto/run.sh [vitest args...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bash "$here/install.sh"
cd "$root"
export MOTO_TIER_REQUIRED=1
exec npx --no-install vitest run test/moto "$@"
