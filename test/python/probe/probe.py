"""Runs inside a framework's virtualenv (stdlib + that framework only) against one generated agent.

    python probe.py import <agent_dir>
    python probe.py list-tools <agent_dir> <framework> <gateway_snake>
    python probe.py clients <agent_dir>

Network access other than loopback is refused for the whole run, so an agent that reaches AWS or a
model provider while importing fails here. Prints one JSON line; exit code 0 when the action succeeded.
"""

from __future__ import annotations

import asyncio
import importlib
import ipaddress
import json
import os
import socket
import sys
import traceback

BLOCKED: list[str] = []


def _is_loopback(host) -> bool:
    if host in (None, "localhost"):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


def _guard_network() -> None:
    """Refuses name lookups and connections to anything but loopback."""
    real_getaddrinfo, real_connect, real_connect_ex = socket.getaddrinfo, socket.socket.connect, socket.socket.connect_ex

    def getaddrinfo(host, *args, **kwargs):
        if not _is_loopback(host.decode() if isinstance(host, bytes) else host):
            BLOCKED.append(f"lookup {host}")
            raise socket.gaierror(socket.EAI_NONAME, f"python tier: network access to {host!r} is blocked")
        return real_getaddrinfo(host, *args, **kwargs)

    def check(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):
            BLOCKED.append(f"connect {address[0]}")
            raise ConnectionRefusedError(f"python tier: network access to {address[0]!r} is blocked")

    def connect(sock, address):
        check(sock, address)
        return real_connect(sock, address)

    def connect_ex(sock, address):
        check(sock, address)
        return real_connect_ex(sock, address)

    socket.getaddrinfo = getaddrinfo
    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex


def _enter(agent_dir: str) -> None:
    os.chdir(agent_dir)
    sys.path.insert(0, agent_dir)


def do_import(agent_dir: str) -> dict:
    _enter(agent_dir)
    main = importlib.import_module("main")
    app = getattr(main, "app", None)
    return {
        "app_type": f"{type(app).__module__}.{type(app).__name__}",
        "entrypoint": getattr(getattr(app, "handlers", {}).get("main"), "__name__", None),
    }


def _client_module():
    return importlib.import_module("mcp_client.client")


def do_clients(agent_dir: str) -> dict:
    """What get_gateway_clients() returns for the gateway env vars of this run."""
    _enter(agent_dir)
    clients = _client_module().get_gateway_clients()
    return {"count": len(clients), "types": [type(c).__name__ for c in clients]}


# How each framework lists the tools of the object its generated client returns
# (frameworks/README.md of the generator is the contract these follow).


def _strands(client) -> list[str]:
    with client:
        return [tool.tool_name for tool in client.list_tools_sync()]


async def _langchain(client) -> list[str]:
    return [tool.name for tool in await client.get_tools()]


async def _google_adk(toolset) -> list[str]:
    try:
        return [tool.name for tool in await toolset.get_tools()]
    finally:
        await toolset.close()


async def _openai_agents(server) -> list[str]:
    async with server:
        return [tool.name for tool in await server.list_tools()]


def _crewai(client) -> list[str]:
    from crewai_tools import MCPServerAdapter

    with MCPServerAdapter(client) as tools:
        return [tool.name for tool in tools]


LISTERS = {
    "Strands": _strands,
    "LangChain_LangGraph": _langchain,
    "GoogleADK": _google_adk,
    "OpenAIAgents": _openai_agents,
    "CrewAI": _crewai,
}


def do_list_tools(agent_dir: str, framework: str, gateway_snake: str) -> dict:
    _enter(agent_dir)
    client = getattr(_client_module(), f"get_{gateway_snake}_client")()
    if client is None:
        raise RuntimeError(f"get_{gateway_snake}_client() returned None")
    result = LISTERS[framework](client)
    if asyncio.iscoroutine(result):
        result = asyncio.run(result)
    return {"tools": sorted(result), "client_type": f"{type(client).__module__}.{type(client).__name__}"}


ACTIONS = {"import": do_import, "list-tools": do_list_tools, "clients": do_clients}


def main(argv: list[str]) -> int:
    _guard_network()
    try:
        out = {"ok": True, **ACTIONS[argv[1]](*argv[2:])}
    except BaseException as error:  # report everything, including SystemExit from a framework
        out = {
            "ok": False,
            "error": f"{type(error).__name__}: {error}",
            "traceback": traceback.format_exc()[-6000:],
        }
    out["blocked_network"] = BLOCKED
    print("PROBE-RESULT " + json.dumps(out, default=str), flush=True)
    return 0 if out["ok"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
