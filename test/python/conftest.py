"""Fixtures of the Python tier: local servers (MCP without auth, behind a JWT check with a local OIDC
issuer, behind SigV4), the project synthesized by the TypeScript library, and the probe that runs in
each framework's virtualenv."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))

from servers.stack import Identities, local_servers  # noqa: E402

TIER_HOME = Path(os.environ.get("PYTHON_TIER_HOME", ROOT / ".venv-python-tier"))
FRAMEWORKS = ["Strands", "LangChain_LangGraph", "GoogleADK", "OpenAIAgents", "CrewAI"]
AUTH_TYPES = ["NONE", "CUSTOM_JWT", "AWS_IAM"]

# Test identities. Nothing here is a real secret: the issuer and the SigV4 check exist only in this run.
CLIENT_ID = "pytier-agent-client"
CLIENT_SECRET = "pytier-" + secrets.token_urlsafe(24)
OTHER_CLIENT_ID = "pytier-other-client"
OTHER_CLIENT_SECRET = "pytier-" + secrets.token_urlsafe(24)
ACCESS_KEY = "AKIAPYTHONTIERTEST01"
SECRET_KEY = secrets.token_urlsafe(30)
REGION = "eu-west-3"
PROBE_TIMEOUT = 120


IDENTITIES = Identities(CLIENT_ID, CLIENT_SECRET, OTHER_CLIENT_ID, OTHER_CLIENT_SECRET, ACCESS_KEY, SECRET_KEY)


@pytest.fixture(scope="session", name="local_servers")
def local_servers_fixture():
    with local_servers(IDENTITIES) as servers:
        yield servers


@dataclass
class GeneratedProject:
    outdir: Path
    gateways: dict[str, dict]  # auth type -> {name, snake, env: {url, authType}, credentialEnv?}
    agents: list[dict]  # {name, framework, modelProvider, dir}
    missing: list[str]  # generated agent files that are not there

    def agent(self, framework: str) -> dict:
        return next(a for a in self.agents if a["framework"] == framework)


AGENT_FILES = ["main.py", "mcp_client/client.py", "model/load.py", "pyproject.toml"]


@pytest.fixture(scope="session")
def generated(local_servers, tmp_path_factory) -> GeneratedProject:
    """Synthesizes the test project with the library (npx tsx), its JWT gateway trusting the local issuer."""
    outdir = tmp_path_factory.mktemp("generated")
    request = {"outdir": str(outdir), "discoveryUrl": local_servers.issuer.discovery_url, "clientId": CLIENT_ID}
    proc = subprocess.run(
        ["npx", "--no-install", "tsx", str(HERE / "generate.ts"), json.dumps(request)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if proc.returncode != 0:
        pytest.fail(f"synthesizing the test project failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}")
    declared = json.loads(proc.stdout.strip().splitlines()[-1])
    missing = [
        f"app/{a['name']}/{f}" for a in declared["agents"] for f in AGENT_FILES if not (Path(a["dir"]) / f).is_file()
    ]
    return GeneratedProject(
        outdir=outdir,
        gateways={g["authorizerType"]: g for g in declared["gateways"]},
        agents=declared["agents"],
        missing=missing,
    )


def require_agent_files(project: GeneratedProject, agent: dict) -> None:
    """Skips (with the reason) while the generator does not render this agent's files yet."""
    prefix = f"app/{agent['name']}/"
    missing = [m[len(prefix) :] for m in project.missing if m.startswith(prefix)]
    if missing:
        pytest.skip(f"generator does not render {prefix} yet ({', '.join(missing)} missing)")


def venv_python(framework: str) -> Path:
    python = TIER_HOME / framework / "bin" / "python"
    if not python.exists():
        pytest.skip(f"no {framework} virtualenv at {python.parent.parent}; run `bash test/python/run.sh`")
    return python


def base_env(framework: str, home: Path) -> dict[str, str]:
    """A clean environment: no AWS credentials or config, no provider keys, no gateway variables."""
    venv_bin = str(TIER_HOME / framework / "bin")
    return {
        "PATH": venv_bin + os.pathsep + os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "AWS_REGION": REGION,
        "AWS_CONFIG_FILE": str(home / "no-aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / "no-aws-credentials"),
        "AWS_EC2_METADATA_DISABLED": "true",
        # Quiet telemetry some frameworks send on import (the probe blocks the network anyway).
        "CREWAI_DISABLE_TELEMETRY": "true",
        "OTEL_SDK_DISABLED": "true",
    }


def gateway_env(project: GeneratedProject, auth_type: str, url: str) -> dict[str, str]:
    """The variables deploy/dev set for one gateway, plus LOCAL_DEV credentials for CUSTOM_JWT."""
    gw = project.gateways[auth_type]
    env = {gw["env"]["url"]: url, gw["env"]["authType"]: auth_type}
    if auth_type == "CUSTOM_JWT":
        env.update(
            {
                "LOCAL_DEV": "1",
                gw["credentialEnv"]["clientId"]: CLIENT_ID,
                gw["credentialEnv"]["clientSecret"]: CLIENT_SECRET,
            }
        )
    if auth_type == "AWS_IAM":
        env.update({"AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY})
    return env


@dataclass
class ProbeResult:
    ok: bool
    data: dict
    output: str

    def explain(self) -> str:
        return f"{self.data.get('error')}\n{self.data.get('traceback', '')}\n--- probe output ---\n{self.output[-4000:]}"


@pytest.fixture
def probe(tmp_path):
    """Runs test/python/probe/probe.py in a framework's venv with exactly the given environment additions."""

    def run(framework: str, action: str, *args: str, env: dict[str, str] | None = None) -> ProbeResult:
        python = venv_python(framework)
        full_env = {**base_env(framework, tmp_path), **(env or {})}
        proc = subprocess.run(
            [str(python), str(HERE / "probe" / "probe.py"), action, *args],
            env=full_env,
            capture_output=True,
            text=True,
            timeout=PROBE_TIMEOUT,
        )
        output = proc.stdout + proc.stderr
        line = next((ln for ln in reversed(proc.stdout.splitlines()) if ln.startswith("PROBE-RESULT ")), None)
        if line is None:
            return ProbeResult(False, {"error": f"probe exited {proc.returncode} without a result"}, output)
        data = json.loads(line[len("PROBE-RESULT ") :])
        return ProbeResult(bool(data["ok"]) and proc.returncode == 0, data, output)

    return run
