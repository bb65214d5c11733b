#!/usr/bin/env bash
# Re-pins the tier's virtualenvs. Each framework's requirements/<Framework>.in is rebuilt from the
# pyproject.toml files the library generates for that framework's agents; runner.in (the test runner
# and its local servers) is kept by hand. Then every *.in is resolved to an exactly pinned *.txt.
# Run by hand after the generator's dependencies change (run.sh installs only from the *.txt files).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$here/lib/uv.sh"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
frameworks='["Strands","LangChain_LangGraph","GoogleADK","OpenAIAgents","CrewAI"]'
request="{\"outdir\":\"$work/project\",\"discoveryUrl\":\"http://127.0.0.1:1/.well-known/openid-configuration\",\"clientId\":\"pin\",\"backendUrl\":\"http://127.0.0.1:1/mcp\",\"frameworks\":$frameworks}"
(cd "$root" && npx --no-install tsx "$here/generate.ts" "$request" > "$work/declared.json")
"${PYTHON:-python3.11}" "$here/lib/collect_requirements.py" "$work/project" "$work/declared.json" "$here/requirements"

for input in "$here"/requirements/*.in; do
  "$UV" pip compile --quiet --python-version 3.11 --python-platform x86_64-manylinux_2_28 \
    --no-header --annotation-style line "$input" -o "${input%.in}.txt" "$@"
  echo "pinned $(basename "${input%.in}.txt"): $(grep -c '==' "${input%.in}.txt") packages"
done
