"""The agents the library generates, run with the real framework packages: each imports offline and
without AWS credentials, and its generated gateway client lists a local MCP server's tools for every
inbound auth type, while wrong credentials are refused."""

from __future__ import annotations

import subprocess

import pytest

from conftest import AUTH_TYPES, CLIENT_SECRET, FRAMEWORKS, REGION, SECRET_KEY, TIER_HOME, gateway_env, venv_python
from servers.tools_server import TOOL_NAMES

# Every supported framework x provider pair; generate.ts declares them from framework.json.
PAIRS = [
    *(("Strands", p) for p in ("Bedrock", "Anthropic", "OpenAI", "Gemini")),
    *(("LangChain_LangGraph", p) for p in ("Bedrock", "Anthropic", "OpenAI", "Gemini")),
    ("GoogleADK", "Gemini"),
    ("OpenAIAgents", "OpenAI"),
    *(("CrewAI", p) for p in ("Bedrock", "Anthropic", "OpenAI", "Gemini")),
]
PAIR_IDS = [f"{f}-{p}" for f, p in PAIRS]


def first_agent(project_of, framework: str) -> dict:
    """The gateway client module is the same for every provider of a framework: one agent stands for all."""
    project = project_of(framework)
    return project.agent(project.agents[0]["name"])


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_every_supported_provider_gets_an_agent(project_of, framework):
    declared = sorted(a["modelProvider"] for a in project_of(framework).agents)
    assert declared == sorted(p for f, p in PAIRS if f == framework)


@pytest.mark.parametrize("framework, provider", PAIRS, ids=PAIR_IDS)
def test_pinned_venv_satisfies_the_generated_dependencies(project_of, framework, provider):
    """The venv the other tests use holds what the agent's pyproject.toml asks for (checked offline by uv)."""
    agent = project_of(framework).agent(f"{framework}_{provider}")
    python = venv_python(framework)
    proc = subprocess.run(
        [str(TIER_HOME / "bootstrap" / "bin" / "uv"), "pip", "install", "--dry-run", "--offline",
         "--python", str(python), "-r", f"{agent['dir']}/pyproject.toml"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0 and "Would make no changes" in output, (
        f"app/{agent['name']}/pyproject.toml asks for packages the pinned {framework} venv lacks; add them to "
        f"test/python/requirements/{framework}.in and run test/python/compile-requirements.sh:\n{output}"
    )


@pytest.mark.parametrize("framework, provider", PAIRS, ids=PAIR_IDS)
def test_agent_imports_offline_without_aws_credentials(project_of, probe, framework, provider):
    agent = project_of(framework).agent(f"{framework}_{provider}")
    result = probe(framework, "import", agent["dir"])
    assert result.ok, f"importing app/{agent['name']}/main.py failed:\n{result.explain()}"
    assert result.data["app_type"] == "bedrock_agentcore.runtime.app.BedrockAgentCoreApp"
    assert result.data["entrypoint"], "main.py registers no @app.entrypoint handler"
    assert result.data["blocked_network"] == []


@pytest.mark.parametrize("auth_type", AUTH_TYPES)
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_gateway_client_lists_the_local_servers_tools(generated, project_of, local_servers, probe, framework, auth_type):
    agent = first_agent(project_of, framework)
    gateway = local_servers.gateways[auth_type]
    issued_before = local_servers.issuer.tokens_issued
    accepted_before = getattr(gateway.verifier, "accepted", 0)

    snake = generated.gateways[auth_type]["snake"]
    env = gateway_env(generated, auth_type, gateway.url)
    result = probe(framework, "list-tools", agent["dir"], framework, snake, ",".join(sorted(TOOL_NAMES)), env=env)

    assert result.ok, f"{framework} could not list the tools of the {auth_type} gateway:\n{result.explain()}"
    assert len(result.data["expected"]) == len(TOOL_NAMES)
    assert set(result.data["tools"]) == set(result.data["expected"])
    if auth_type == "CUSTOM_JWT":
        assert local_servers.issuer.tokens_issued > issued_before, "no token was obtained from the discovery URL's issuer"
    if auth_type != "NONE":
        assert gateway.verifier.accepted > accepted_before, "the gateway's auth check never accepted a request"
    if auth_type == "AWS_IAM":
        assert REGION in gateway.verifier.regions
    assert CLIENT_SECRET not in result.output and SECRET_KEY not in result.output, "a secret was printed"


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_token_for_another_client_is_refused(generated, project_of, local_servers, probe, framework):
    """The agent gets a genuine token, but this gateway admits only another client: no tools."""
    agent = first_agent(project_of, framework)
    gateway = local_servers.jwt_other_client
    refused_before = gateway.verifier.refused
    env = gateway_env(generated, "CUSTOM_JWT", gateway.url)
    result = probe(framework, "list-tools", agent["dir"], framework, generated.gateways["CUSTOM_JWT"]["snake"], env=env)
    assert not result.ok or not result.data.get("tools"), f"tools were listed with a token the gateway must refuse: {result.data}"
    assert gateway.verifier.refused > refused_before, "the gateway never saw a token"
    assert gateway.verifier.accepted == 0


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_wrong_client_secret_gets_no_token_and_no_tools(generated, project_of, local_servers, probe, framework):
    agent = first_agent(project_of, framework)
    gateway = local_servers.gateways["CUSTOM_JWT"]
    env = gateway_env(generated, "CUSTOM_JWT", gateway.url)
    env[generated.gateways["CUSTOM_JWT"]["env"]["clientSecret"]] = "not-the-secret"
    accepted_before = gateway.verifier.accepted
    result = probe(framework, "list-tools", agent["dir"], framework, generated.gateways["CUSTOM_JWT"]["snake"], env=env)
    assert not result.ok or not result.data.get("tools"), f"tools were listed without a valid token: {result.data}"
    assert gateway.verifier.accepted == accepted_before
    assert "not-the-secret" not in result.output, "the client secret was printed"


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_wrong_aws_secret_is_refused(generated, project_of, local_servers, probe, framework):
    agent = first_agent(project_of, framework)
    gateway = local_servers.gateways["AWS_IAM"]
    env = {**gateway_env(generated, "AWS_IAM", gateway.url), "AWS_SECRET_ACCESS_KEY": "not-the-secret-key"}
    refused_before = len(gateway.verifier.refused)
    accepted_before = gateway.verifier.accepted
    result = probe(framework, "list-tools", agent["dir"], framework, generated.gateways["AWS_IAM"]["snake"], env=env)
    assert not result.ok or not result.data.get("tools"), f"tools were listed with a bad signature: {result.data}"
    assert gateway.verifier.accepted == accepted_before
    assert any("signature does not match" in r for r in gateway.verifier.refused[refused_before:]), gateway.verifier.refused


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_gateways_without_a_url_are_skipped(generated, project_of, local_servers, probe, framework):
    agent = first_agent(project_of, framework)
    none = probe(framework, "clients", agent["dir"])
    assert none.ok, f"get_gateway_clients() crashed with no gateway variables set:\n{none.explain()}"
    assert none.data["count"] == 0
    for gw in generated.gateways.values():
        assert gw["env"]["url"] in none.output, f"no warning names {gw['env']['url']}:\n{none.output}"
    one = probe(framework, "clients", agent["dir"], env=gateway_env(generated, "NONE", local_servers.gateways["NONE"].url))
    assert one.ok, one.explain()
    assert one.data["count"] == 1
