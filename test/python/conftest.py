"""Fixtures of the Python tier: local servers (MCP without auth, behind a JWT check with a local OIDC
issuer, behind SigV4), the project synthesized by the TypeScript library, and the probe that runs in
each framework's virtualenv."""

from __future__ import annotations

import json
import os
import secrets
import signal
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
# The local issuer secret of the gateway whose identity provider deploy makes (agentcore/.env.local in a project).
LOCAL_ISSUER_SECRET = "pytier-" + secrets.token_urlsafe(24)
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
    gateways: dict[str, dict]  # auth type (COGNITO: CUSTOM_JWT with an identity provider deploy makes) -> {name, snake, env}
    agents: list[dict]  # {name, framework, modelProvider, dir}
    missing: list[str]  # generated agent files that are not there
    managed_servers: list[str]  # targets of the NONE gateway served from their own code (app/mcp/<name>/)

    def agent(self, name: str) -> dict:
        agent = next((a for a in self.agents if a["name"] == name), None)
        if agent is None:
            pytest.fail(f"generate.ts declared no agent {name}; did frameworks/*/framework.json change?")
        prefix = f"app/{name}/"
        missing = [m[len(prefix) :] for m in self.missing if m.startswith(prefix)]
        if missing:
            pytest.fail(f"the generator rendered no {', '.join(missing)} in {prefix}")
        return agent


AGENT_FILES = ["main.py", "mcp_client/client.py", "model/load.py", "pyproject.toml"]


def synthesize(local_servers, outdir: Path, frameworks: list[str], managed_servers: bool = False) -> GeneratedProject:
    """Synthesizes the test project with the library (npx tsx generate.ts), its JWT gateway trusting the
    local issuer and every gateway's target fronting the local MCP server; with `managed_servers`, the
    NONE gateway also has one managed MCP server per host × language."""
    request = {
        "outdir": str(outdir),
        "discoveryUrl": local_servers.issuer.discovery_url,
        "clientId": CLIENT_ID,
        "backendUrl": local_servers.gateways["NONE"].url,
        "frameworks": frameworks,
        "managedServers": managed_servers,
    }
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
        gateways={("COGNITO" if g["identityProvider"] else g["authorizerType"]): g for g in declared["gateways"]},
        agents=declared["agents"],
        missing=missing,
        managed_servers=declared["managedServers"],
    )


@pytest.fixture(scope="session")
def generated(local_servers, tmp_path_factory) -> GeneratedProject:
    """The gateways alone (no agents): what the local gateway serves, and the env var names."""
    return synthesize(local_servers, tmp_path_factory.mktemp("gateways"), [], managed_servers=True)


class FrameworkProjects:
    """One synthesized project per framework, made on first use, so one framework's breakage stays its own."""

    def __init__(self, local_servers, tmp_path_factory) -> None:
        self._local_servers = local_servers
        self._tmp = tmp_path_factory
        self._done: dict[str, GeneratedProject | str] = {}

    def __call__(self, framework: str) -> GeneratedProject:
        if framework not in self._done:
            # A failed synth is remembered and reported by every test of this framework.
            try:
                self._done[framework] = synthesize(self._local_servers, self._tmp.mktemp(framework), [framework])
            except pytest.fail.Exception as failed:
                self._done[framework] = str(failed)
        outcome = self._done[framework]
        if isinstance(outcome, str):
            pytest.fail(outcome)
        return outcome


@pytest.fixture(scope="session")
def project_of(local_servers, tmp_path_factory) -> FrameworkProjects:
    return FrameworkProjects(local_servers, tmp_path_factory)


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


JWT_SECRET_ENV = "PYTIER_JWT_AGENT_SECRET"  # generate.ts: agentClientSecret: fromEnv(...), not the default name


def gateway_env(project: GeneratedProject, auth_type: str, url: str) -> dict[str, str]:
    """The variables dev sets for one gateway: its URL and auth type, and for CUSTOM_JWT LOCAL_DEV=1 and
    the client secret under the model's fromEnv name (from agentcore/.env.local); the model gives the client id."""
    gw = project.gateways[auth_type]
    env = {gw["env"]["url"]: url, gw["env"]["authType"]: auth_type}
    if auth_type == "CUSTOM_JWT":
        assert gw["env"]["clientSecret"] == JWT_SECRET_ENV, f"agentcore.json names {gw['env']} for the JWT gateway"
        env.update({"LOCAL_DEV": "1", JWT_SECRET_ENV: CLIENT_SECRET})
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


class Probes:
    """One `probe.py serve` process per framework venv (the framework imported once); each action runs
    in a forked child of it with exactly the environment the test gives."""

    def __init__(self, project_of: FrameworkProjects, workdir: Path) -> None:
        self._project_of = project_of
        self._workdir = workdir
        self._servers: dict[str, subprocess.Popen] = {}
        self._ready: set[str] = set()
        self._count = 0

    def start(self, framework: str) -> None:
        """Launches the framework's probe server without waiting for it to import the framework."""
        if framework in self._servers:
            return
        try:
            dirs = [a["dir"] for a in self._project_of(framework).agents if Path(a["dir"]).is_dir()]
            python = venv_python(framework)
        except (pytest.skip.Exception, pytest.fail.Exception):
            return  # the tests of this framework report it
        self._servers[framework] = subprocess.Popen(
            [str(python), str(HERE / "probe" / "probe.py"), "serve", *dirs],
            env=base_env(framework, self._workdir),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=open(self._workdir / f"{framework}-serve.log", "w"),
            text=True,
        )

    def _server(self, framework: str) -> subprocess.Popen:
        self.start(framework)
        if framework not in self._servers:
            self._project_of(framework)  # raises what kept it from starting
            venv_python(framework)
        proc = self._servers[framework]
        if framework not in self._ready:
            ready = proc.stdout.readline()
            if not ready.startswith("PROBE-READY "):
                proc.kill()
                log = (self._workdir / f"{framework}-serve.log").read_text()[-4000:]
                pytest.fail(f"the {framework} probe did not start:\n{log}")
            self._ready.add(framework)
        return proc

    def wait_until_started(self) -> None:
        """Waits until every started framework is imported, so no import competes with a timed action."""
        for framework in list(self._servers):
            self._server(framework)

    def __call__(self, framework: str, action: str, *args: str, env: dict[str, str] | None = None) -> ProbeResult:
        server = self._server(framework)
        self._count += 1
        log = self._workdir / f"{framework}-{self._count}-{action}.log"
        request = {"action": action, "args": list(args), "env": {**base_env(framework, self._workdir), **(env or {})},
                   "log": str(log), "timeout": PROBE_TIMEOUT}
        server.stdin.write(json.dumps(request) + "\n")
        server.stdin.flush()
        line = server.stdout.readline()
        output = log.read_text() if log.exists() else ""
        if not line.startswith("PROBE-RESULT "):
            return ProbeResult(False, {"error": f"the {framework} probe exited"}, output)
        data = json.loads(line[len("PROBE-RESULT ") :])
        return ProbeResult(bool(data["ok"]), data, output)

    def close(self) -> None:
        for proc in self._servers.values():
            proc.stdin.close()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture(scope="session")
def probe(project_of, tmp_path_factory, request):
    """Runs a probe action in a framework's venv: probe(framework, action, *args, env={...})."""
    probes = Probes(project_of, tmp_path_factory.mktemp("probes"))
    # The selected tests' frameworks import at once: on two cores their start-ups overlap each other and the tests.
    selected = {getattr(item, "callspec", None) and item.callspec.params.get("framework") for item in request.session.items}
    for framework in FRAMEWORKS:
        if framework in selected:
            probes.start(framework)
    yield probes
    probes.close()


@dataclass
class LocalGatewayProcess:
    """`agentcore-projen gateway` serving the generated project's gateways (the local gateway)."""

    urls: dict[str, str]  # AGENTCORE_GATEWAY_<NAME>_URL -> url, and the local issuer's lines
    stderr_path: Path

    def url_of(self, project: GeneratedProject, auth_type: str) -> str:
        return self.urls[project.gateways[auth_type]["env"]["url"]]

    def issuer_env(self, project: GeneratedProject) -> dict[str, str]:
        """What `dev` gives an agent for the gateway whose identity provider deploy makes, served locally:
        the local issuer's discovery URL and client id (as the local gateway prints them) and its secret."""
        env = project.gateways["COGNITO"]["env"]
        return {
            env["discoveryUrl"]: self.urls[env["discoveryUrl"]],
            env["clientId"]: self.urls[env["clientId"]],
            env["clientSecret"]: LOCAL_ISSUER_SECRET,
        }


@pytest.fixture(scope="session")
def local_gateway(generated, tmp_path_factory):
    """Starts the library's local gateway from source for the generated project; its targets front the
    local MCP server. It checks JWTs against the local issuer and SigV4 against the test credentials."""
    if not (generated.outdir / "agentcore" / "agentcore.json").is_file():
        pytest.fail("synth wrote no agentcore/agentcore.json")
    logs = tmp_path_factory.mktemp("local-gateway")
    stderr_path = logs / "stderr.log"
    env = {**os.environ, "AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY, "AWS_REGION": REGION}
    env[generated.gateways["COGNITO"]["env"]["localIssuerSecret"]] = LOCAL_ISSUER_SECRET
    env.pop("AWS_SESSION_TOKEN", None)
    # The managed servers' Python environments are made by the tier's pinned uv (never downloading a Python).
    uv = TIER_HOME / "bootstrap" / "bin" / "uv"
    if uv.exists():
        env.update({"UV": str(uv), "UV_PYTHON_DOWNLOADS": "never"})
    with open(stderr_path, "w") as stderr:
        proc = subprocess.Popen(
            ["npx", "--no-install", "tsx", str(HERE / "cli.ts"), "gateway", "--dir", str(generated.outdir), "--port", "0"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            start_new_session=True,  # npx -> tsx -> node: stop the whole group it starts, and nothing else
        )
    try:
        urls: dict[str, str] = {}
        cognito = generated.gateways["COGNITO"]["env"]
        wanted = {g["env"]["url"] for g in generated.gateways.values()} | {cognito["discoveryUrl"], cognito["clientId"]}
        assert proc.stdout is not None
        for line in proc.stdout:  # one AGENTCORE_GATEWAY_<NAME>_URL=<url> line per gateway once it listens
            name, _, value = line.strip().partition("=")
            if name in wanted:
                urls[name] = value
            if set(urls) == wanted:
                break
        if set(urls) != wanted:
            pytest.fail(f"local gateway exited before printing its URLs:\n{stderr_path.read_text()[-4000:]}")
        yield LocalGatewayProcess(urls, stderr_path)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
