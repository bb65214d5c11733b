"""Writes requirements/<Framework>.in from the pyproject.toml of every agent generate.ts declared, so the
pinned venvs hold exactly what generated agents ask for (all model providers, and mcp-proxy-for-aws
since the test project has an AWS_IAM gateway). Used by compile-requirements.sh.

    python3.11 collect_requirements.py <outdir of generate.ts> <declared.json> <requirements dir>
"""

import json
import sys
import tomllib
from pathlib import Path

outdir, declared_file, requirements = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
declared = json.loads(declared_file.read_text().strip().splitlines()[-1])
by_framework: dict[str, list[str]] = {}
for agent in declared["agents"]:
    pyproject = tomllib.loads((Path(agent["dir"]) / "pyproject.toml").read_text())
    wanted = by_framework.setdefault(agent["framework"], [])
    for requirement in pyproject["project"]["dependencies"]:
        if requirement not in wanted:
            wanted.append(requirement)
for framework, wanted in sorted(by_framework.items()):
    header = (
        f"# Written by compile-requirements.sh from the pyproject.toml of every {framework} agent\n"
        "# (all its model providers, gateways of every auth type); do not edit, re-run the script.\n"
    )
    (requirements / f"{framework}.in").write_text(header + "\n".join(wanted) + "\n")
    print(f"{framework}.in: {len(wanted)} requirements")
