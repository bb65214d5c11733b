"""Generated agents answer a prompt end to end: main.py's entrypoint runs as AgentCore Runtime calls it,
with a fake model API on 127.0.0.1 that records the tools each framework offers the model. The
gateways are reached as `npx projen dev` reaches them: through the local gateway, with LOCAL_DEV=1
and the secrets under the model's fromEnv names."""

from __future__ import annotations

import re
import socket

import pytest

from conftest import FRAMEWORKS, gateway_env
from servers.fake_model import ANSWER
from servers.tools_server import TOOL_NAMES

# One agent per framework: the gateway wiring is the same for every provider of a framework.
AGENT_OF = {
    "Strands": "Strands_OpenAI",
    "LangChain_LangGraph": "LangChain_LangGraph_OpenAI",
    "GoogleADK": "GoogleADK_Gemini",
    "OpenAIAgents": "OpenAIAgents_OpenAI",
    "CrewAI": "CrewAI_OpenAI",
}

# The local gateway names a target's tools as AgentCore does: "<target>___<tool>".
TARGET = "tools"

# Far above a skipped gateway's cost (a refused connection), far below the 30 s CrewAI used to wait on one.
UNREACHABLE_BOUND_SECONDS = 15


def model_tool_name(framework: str, gateway_snake: str, mcp_tool: str) -> str:
    """The name the model sees for a gateway tool, per framework (as frameworks/README.md documents it)."""
    if framework == "OpenAIAgents":
        return f"mcp_{gateway_snake}__{mcp_tool}"
    if framework == "CrewAI":  # CrewAI collapses runs of "_" in tool names
        return re.sub(r"_+", "_", f"{gateway_snake}_{mcp_tool}")
    return f"{gateway_snake}_{mcp_tool}"


def model_env(local_servers) -> dict[str, str]:
    """Provider keys and base URLs that send every framework's model calls to the fake model API.
    LOCAL_DEV=1, as dev sets it: the key is read from the environment, not from AgentCore Identity."""
    base = local_servers.model_server.base_url
    return {
        "LOCAL_DEV": "1",
        "OPENAI_API_KEY": "pytier-fake-key",
        "OPENAI_BASE_URL": f"{base}/v1",
        "GEMINI_API_KEY": "pytier-fake-key",
        "GOOGLE_GEMINI_BASE_URL": base,
        "OPENAI_AGENTS_DISABLE_TRACING": "1",
    }


def url_where_nothing_listens() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/mcp"


def invoke(probe, project_of, local_servers, framework: str, env: dict[str, str]):
    agent = project_of(framework).agent(AGENT_OF[framework])
    calls_before = len(local_servers.model.calls)
    result = probe(framework, "invoke", agent["dir"], "What is 2 + 3?", env={**model_env(local_servers), **env})
    assert result.ok, f"{framework}: the agent did not answer:\n{result.explain()}"
    assert ANSWER in result.data["answer"], result.data
    print(f"{framework}: answered in {result.data['seconds']} s")  # shown with pytest -s
    calls = local_servers.model.calls[calls_before:]
    assert calls, f"{framework}: the model was never called"
    return result, {name for call in calls for name in call.tools}


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_agent_offers_the_model_every_gateway_tool_under_its_framework_name(
    generated, project_of, local_servers, local_gateway, probe, framework
):
    env = {}
    for auth_type in ("NONE", "CUSTOM_JWT"):
        env.update(gateway_env(generated, auth_type, local_gateway.url_of(generated, auth_type)))
    _, offered = invoke(probe, project_of, local_servers, framework, env)
    expected = {
        model_tool_name(framework, generated.gateways[auth_type]["snake"], f"{TARGET}___{tool}")
        for auth_type in ("NONE", "CUSTOM_JWT")
        for tool in TOOL_NAMES
    }
    assert expected <= offered, f"{framework} offered the model {sorted(offered)}"


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_agent_skips_an_unreachable_gateway_and_answers_with_the_others(
    generated, project_of, local_servers, local_gateway, probe, framework
):
    dead_gateway, live_gateway = generated.gateways["NONE"], generated.gateways["CUSTOM_JWT"]
    dead_url = url_where_nothing_listens()
    env = {
        **gateway_env(generated, "CUSTOM_JWT", local_gateway.url_of(generated, "CUSTOM_JWT")),
        **gateway_env(generated, "NONE", dead_url),
    }
    probe.wait_until_started()  # the bound is about the agent, not about frameworks importing next to it
    result, offered = invoke(probe, project_of, local_servers, framework, env)

    assert result.data["seconds"] < UNREACHABLE_BOUND_SECONDS, f"{framework} took {result.data['seconds']} s"
    warnings = [line for line in result.output.splitlines() if dead_url in line]
    assert len(warnings) == 1 and repr(dead_gateway["name"]) in warnings[0], (
        f"{framework}: expected one warning naming the gateway and {dead_url}:\n{result.output[-4000:]}"
    )
    live = {model_tool_name(framework, live_gateway["snake"], f"{TARGET}___{tool}") for tool in TOOL_NAMES}
    assert live <= offered, f"{framework} offered the model {sorted(offered)}"
    assert not [name for name in offered if dead_gateway["snake"] in name]
