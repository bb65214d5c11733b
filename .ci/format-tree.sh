#!/usr/bin/env bash
# Formats the whole tree once, after every branch written before prettier was turned on is merged:
# prettier --write, then eslint --fix, then the lint task (eslint with no problem at all, and
# prettier --check) must pass. Run it on a clean work tree and commit the result on its own.
# Usage: bash .ci/format-tree.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -n "$(git status --porcelain)" ]]; then
  echo "format-tree: commit or stash your changes first, so the reformat is a commit of its own" >&2
  exit 1
fi
npx projen
npx projen format
npx projen lint
cat <<'NEXT'
format-tree: done, lint passes. Commit the reformat alone, then record it so `git blame` skips it:
  git commit -am 'Format the tree with prettier'
  git rev-parse HEAD >> .git-blame-ignore-revs && git add .git-blame-ignore-revs
  git commit -m 'blame ignores the prettier reformat' && git config blame.ignoreRevsFile .git-blame-ignore-revs
NEXT
