#!/usr/bin/env bash
# Re-resolves the pinned requirement files from the *.in files (run by hand to upgrade pins;
# run.sh installs only from the pinned *.txt files).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib/uv.sh"
for input in "$here"/requirements/*.in; do
  "$UV" pip compile --quiet --python-version 3.11 --python-platform x86_64-manylinux_2_28 \
    --no-header --annotation-style line "$input" -o "${input%.in}.txt" "$@"
  echo "pinned $(basename "${input%.in}.txt"): $(grep -c '==' "${input%.in}.txt") packages"
done
