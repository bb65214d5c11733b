"""The agents the library generates, run with the real framework packages: each imports offline and
without AWS credentials, and its generated gateway client lists a local MCP server's tools for every
inbound auth type, while wrong credentials are refused."""

from __future__ import annotations

import subprocess

import pytest

from conftest import (
    AUTH_TYPES,
    FRAMEWORKS,
    OTHER_CLIENT_ID,
    REGION,
    TIER_HOME,
    gateway_env,
    require_agent_files,
    venv_python,
)
from servers.tools_server import TOOL_NAMES

# Every supported framework x provider pair (frameworks/<name>/framework.json); the generator script declares them all.
AGENTS = [
    *(f"Strands_{p}" for p in ("Bedrock", "Anthropic", "OpenAI", "Gemini")),
    *(f"LangChain_LangGraph_{p}" for p in ("Bedrock", "Anthropic", "OpenAI", "Gemini")),
    "GoogleADK_Gemini",
    "OpenAIAgents_OpenAI",
    *(f"CrewAI_{p}" for p in ("Bedrock", "Anthropic", "OpenAI", "Gemini")),
]


def agent_named(generated, name: str) -> dict:
    agent = next((a for a in generated.agents if a["name"] == name), None)
    if agent is None:
        pytest.fail(f"generate.ts did not declare agent {name}; frameworks/*/framework.json changed?")
    require_agent_files(generated, agent)
    return agent


def framework_agent(generated, framework: str) -> dict:
    agent = generated.agent(framework)
    require_agent_files(generated, agent)
    return agent


def test_every_supported_pair_is_covered(generated):
    assert sorted(a["name"] for a in generated.agents) == sorted(AGENTS)


@pytest.mark.parametrize("name", AGENTS)
def test_pinned_venv_satisfies_the_generated_dependencies(generated, name):
    """The venv the other tests use holds what the agent's pyproject.toml asks for (checked offline by uv)."""
    agent = agent_named(generated, name)
    python = venv_python(agent["framework"])
    proc = subprocess.run(
        [str(TIER_HOME / "bootstrap" / "bin" / "uv"), "pip", "install", "--dry-run", "--offline", "--python", str(python),
         "-r", f"{agent['dir']}/pyproject.toml"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0 and "Would make no changes" in output, (
        f"app/{name}/pyproject.toml asks for packages the pinned {agent['framework']} venv lacks; "
        f"add them to test/python/requirements/{agent['framework']}.in and run compile-requirements.sh:\n{output}"
    )


@pytest.mark.parametrize("name", AGENTS)
def test_agent_imports_offline_without_aws_credentials(generated, probe, name):
    agent = agent_named(generated, name)
    result = probe(agent["framework"], "import", agent["dir"])
    assert result.ok, f"importing app/{name}/main.py failed:\n{result.explain()}"
    assert result.data["app_type"] == "bedrock_agentcore.runtime.app.BedrockAgentCoreApp"
    assert result.data["entrypoint"], "main.py registers no @app.entrypoint handler"
    assert result.data["blocked_network"] == []


@pytest.mark.parametrize("auth_type", AUTH_TYPES)
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_gateway_client_lists_the_local_servers_tools(generated, local_servers, probe, framework, auth_type):
    agent = framework_agent(generated, framework)
    gateway = local_servers.gateways[auth_type]
    issued_before = local_servers.issuer.tokens_issued
    accepted_before = getattr(gateway.verifier, "accepted", 0)

    snake = generated.gateways[auth_type]["snake"]
    result = probe(framework, "list-tools", agent["dir"], framework, snake, env=gateway_env(generated, auth_type, gateway.url))

    assert result.ok, f"{framework} could not list the tools of the {auth_type} gateway:\n{result.explain()}"
    assert set(result.data["tools"]) == TOOL_NAMES
    if auth_type == "CUSTOM_JWT":
        assert local_servers.issuer.tokens_issued > issued_before, "no token was obtained from the discovery URL's issuer"
    if auth_type != "NONE":
        assert gateway.verifier.accepted > accepted_before, "the gateway's auth check never accepted a request"
    if auth_type == "AWS_IAM":
        assert REGION in gateway.verifier.regions


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_token_for_another_client_is_refused(generated, local_servers, probe, framework):
    """The agent gets a genuine token, but the gateway only admits another client: no tools, a 401."""
    agent = framework_agent(generated, framework)
    gateway = local_servers.jwt_other_client
    refused_before = gateway.verifier.refused
    env = gateway_env(generated, "CUSTOM_JWT", gateway.url)
    result = probe(framework, "list-tools", agent["dir"], framework, generated.gateways["CUSTOM_JWT"]["snake"], env=env)
    assert not result.ok or not result.data.get("tools"), f"tools were listed with a token the gateway must refuse: {result.data}"
    assert gateway.verifier.refused > refused_before
    assert gateway.verifier.accepted == 0
    assert OTHER_CLIENT_ID not in result.output  # (sanity: the test's own client id is not what the agent used)


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_wrong_client_secret_gets_no_token_and_no_tools(generated, local_servers, probe, framework):
    agent = framework_agent(generated, framework)
    gateway = local_servers.gateways["CUSTOM_JWT"]
    env = gateway_env(generated, "CUSTOM_JWT", gateway.url)
    env[generated.gateways["CUSTOM_JWT"]["credentialEnv"]["clientSecret"]] = "not-the-secret"
    accepted_before = gateway.verifier.accepted
    result = probe(framework, "list-tools", agent["dir"], framework, generated.gateways["CUSTOM_JWT"]["snake"], env=env)
    assert not result.ok or not result.data.get("tools"), f"tools were listed without a valid token: {result.data}"
    assert gateway.verifier.accepted == accepted_before
    assert "not-the-secret" not in result.output, "the client secret was printed"


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_wrong_aws_secret_is_refused(generated, local_servers, probe, framework):
    agent = framework_agent(generated, framework)
    gateway = local_servers.gateways["AWS_IAM"]
    env = {**gateway_env(generated, "AWS_IAM", gateway.url), "AWS_SECRET_ACCESS_KEY": "not-the-secret-key"}
    refused_before = len(gateway.verifier.refused)
    accepted_before = gateway.verifier.accepted
    result = probe(framework, "list-tools", agent["dir"], framework, generated.gateways["AWS_IAM"]["snake"], env=env)
    assert not result.ok or not result.data.get("tools"), f"tools were listed with a bad signature: {result.data}"
    assert gateway.verifier.accepted == accepted_before
    assert any("signature does not match" in r for r in gateway.verifier.refused[refused_before:])


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_gateways_without_a_url_are_skipped(generated, local_servers, probe, framework):
    agent = framework_agent(generated, framework)
    none = probe(framework, "clients", agent["dir"])
    assert none.ok, f"get_gateway_clients() crashed with no gateway variables set:\n{none.explain()}"
    assert none.data["count"] == 0
    one = probe(framework, "clients", agent["dir"], env=gateway_env(generated, "NONE", local_servers.gateways["NONE"].url))
    assert one.ok, one.explain()
    assert one.data["count"] == 1
