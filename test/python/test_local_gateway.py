"""Each framework's generated gateway client against the library's own local gateway
(`agentcore-projen gateway`), whose `mcp-server` target fronts the local MCP server: the tools come
back under AgentCore's `<target>___<tool>` names, for every inbound auth type. The NONE gateway also
serves one managed MCP server per host × language from its scaffolded code."""

from __future__ import annotations

import pytest

from conftest import (
    AUTH_TYPES,
    LOCAL_ISSUER_SECRET,
    CLIENT_ID,
    CLIENT_SECRET,
    FRAMEWORKS,
    OTHER_CLIENT_ID,
    OTHER_CLIENT_SECRET,
    gateway_env,
)
from mcp_clients import BotocoreSigV4, bearer, client_credentials_token, list_tools, status_of
from servers.tools_server import TOOL_NAMES

TARGET = "tools"  # the target name generate.ts gives every gateway
PREFIXED = {f"{TARGET}___{name}" for name in TOOL_NAMES}
SAMPLE_TOOLS = ["add", "greet"]  # the two tools of every managed server's scaffold


def test_local_gateway_serves_the_target_tools_to_a_plain_mcp_client(generated, local_servers, local_gateway):
    """The gateway itself, without generated code: the reference these agent tests compare against."""
    token = client_credentials_token(local_servers, CLIENT_ID, CLIENT_SECRET).json()["access_token"]
    assert PREFIXED <= set(list_tools(local_gateway.url_of(generated, "NONE")))
    assert PREFIXED <= set(list_tools(local_gateway.url_of(generated, "CUSTOM_JWT"), **bearer(token)))
    assert PREFIXED <= set(list_tools(local_gateway.url_of(generated, "AWS_IAM"), auth=BotocoreSigV4()))


def test_local_gateway_refuses_unauthenticated_requests(generated, local_servers, local_gateway):
    other = client_credentials_token(local_servers, OTHER_CLIENT_ID, OTHER_CLIENT_SECRET).json()["access_token"]
    assert status_of(local_gateway.url_of(generated, "CUSTOM_JWT")).status_code == 401
    assert status_of(local_gateway.url_of(generated, "CUSTOM_JWT"), **bearer(other)).status_code in (401, 403)
    assert status_of(local_gateway.url_of(generated, "AWS_IAM")).status_code in (401, 403)
    assert status_of(local_gateway.url_of(generated, "AWS_IAM"), auth=BotocoreSigV4(secret_key="wrong")).status_code == 403


def framework_agent(project_of, framework: str) -> dict:
    project = project_of(framework)
    return project.agent(project.agents[0]["name"])


@pytest.mark.parametrize("auth_type", AUTH_TYPES)
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_gateway_client_lists_tools_through_the_local_gateway(generated, project_of, local_gateway, probe, framework, auth_type):
    agent = framework_agent(project_of, framework)
    env = gateway_env(generated, auth_type, local_gateway.url_of(generated, auth_type))
    snake = generated.gateways[auth_type]["snake"]
    result = probe(framework, "list-tools", agent["dir"], framework, snake, ",".join(sorted(PREFIXED)), env=env)
    assert result.ok, f"{framework} could not list tools through the local {auth_type} gateway:\n{result.explain()}"
    # Compared as the framework names them (CrewAI renames "tools___x" to "tools_x").
    assert len(result.data["expected"]) == len(PREFIXED)
    assert set(result.data["expected"]) <= set(result.data["tools"]), result.data["tools"]


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_local_gateway_refuses_a_token_of_another_client(generated, project_of, local_gateway, probe, framework):
    """Genuine credentials of a client the gateway does not allow: a real token, refused."""
    agent = framework_agent(project_of, framework)
    jwt_gw = generated.gateways["CUSTOM_JWT"]
    env = gateway_env(generated, "CUSTOM_JWT", local_gateway.url_of(generated, "CUSTOM_JWT"))
    env[jwt_gw["env"]["clientId"]] = OTHER_CLIENT_ID
    env[jwt_gw["env"]["clientSecret"]] = OTHER_CLIENT_SECRET
    result = probe(framework, "list-tools", agent["dir"], framework, jwt_gw["snake"], env=env)
    assert not result.ok or not result.data.get("tools"), f"tools were listed for a client the gateway must refuse: {result.data}"


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_local_gateway_refuses_a_bad_signature(generated, project_of, local_gateway, probe, framework):
    agent = framework_agent(project_of, framework)
    env = {**gateway_env(generated, "AWS_IAM", local_gateway.url_of(generated, "AWS_IAM")), "AWS_SECRET_ACCESS_KEY": "wrong"}
    result = probe(framework, "list-tools", agent["dir"], framework, generated.gateways["AWS_IAM"]["snake"], env=env)
    assert not result.ok or not result.data.get("tools"), f"tools were listed with a bad signature: {result.data}"


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_gateway_with_a_cognito_identity_provider_lists_tools_through_the_local_gateway(generated, project_of, local_gateway, probe, framework):
    """identityProvider: 'cognito', not deployed: the local gateway stands in for the pool with its own
    issuer, and the generated client gets a token from it (LOCAL_DEV=1) with what `dev` hands it."""
    agent = framework_agent(project_of, framework)
    gw = generated.gateways["COGNITO"]
    env = {
        gw["env"]["url"]: local_gateway.url_of(generated, "COGNITO"),
        gw["env"]["authType"]: "CUSTOM_JWT",
        "LOCAL_DEV": "1",
        **local_gateway.issuer_env(generated),
    }
    result = probe(framework, "list-tools", agent["dir"], framework, gw["snake"], ",".join(sorted(PREFIXED)), env=env)
    assert result.ok, f"{framework} could not list tools of the Cognito-backed gateway through the local gateway:\n{result.explain()}"
    assert len(result.data["expected"]) == len(PREFIXED)
    assert set(result.data["expected"]) <= set(result.data["tools"]), result.data["tools"]

    # The same client with a wrong local issuer secret gets no token, so no tools.
    wrong = {**env, gw["env"]["clientSecret"]: LOCAL_ISSUER_SECRET + "-wrong"}
    refused = probe(framework, "list-tools", agent["dir"], framework, gw["snake"], env=wrong)
    assert not refused.ok or not refused.data.get("tools"), f"tools were listed with a wrong local issuer secret: {refused.data}"


def managed_tool_names(generated) -> set[str]:
    assert len(generated.managed_servers) == 4, f"generate.ts declared {generated.managed_servers}"
    return {f"{server}___{tool}" for server in generated.managed_servers for tool in SAMPLE_TOOLS}


def test_local_gateway_serves_every_managed_server_to_a_plain_mcp_client(generated, local_gateway):
    assert managed_tool_names(generated) <= set(list_tools(local_gateway.url_of(generated, "NONE"))), (
        local_gateway.stderr_path.read_text()[-4000:]
    )


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_gateway_client_lists_managed_server_tools_through_the_local_gateway(generated, project_of, local_gateway, probe, framework):
    agent = framework_agent(project_of, framework)
    expected = managed_tool_names(generated)
    env = gateway_env(generated, "NONE", local_gateway.url_of(generated, "NONE"))
    snake = generated.gateways["NONE"]["snake"]
    result = probe(framework, "list-tools", agent["dir"], framework, snake, ",".join(sorted(expected)), env=env)
    assert result.ok, f"{framework} could not list the managed servers' tools:\n{result.explain()}"
    assert len(result.data["expected"]) == len(expected)
    assert set(result.data["expected"]) <= set(result.data["tools"]), result.data["tools"]
