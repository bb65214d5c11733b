"""Calls get_gateway_clients() of generated agents with the stub packages; prints one JSON object.

    python3 gateway_clients.py AGENT_DIR...

Per agent: `clients` (per gateway, in order: its URL, the class of its auth or null, and the
prefix of its tool names or null) and `warnings` (what the module logged). Runs the generated code for real, stubs aside.
"""

import importlib
import json
import logging
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "stubs"))

warnings: list[str] = []


class Collect(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        warnings.append(record.getMessage())


logging.getLogger().addHandler(Collect(logging.WARNING))


def auth_kind(auth) -> str | None:
    return None if auth is None else type(auth).__name__


def describe(client) -> list[dict]:
    """URL, auth class and tool name prefix of each gateway the client stands for."""
    if hasattr(client, "connections"):  # LangChain: one client; with tool_name_prefix, keys prefix tool names
        return [
            {"url": c["url"], "auth": auth_kind(c["auth"]), "prefix": name if client.tool_name_prefix else None}
            for name, c in client.connections.items()
        ]
    if isinstance(client, dict):  # CrewAI: server params
        return [{"url": client["url"], "auth": auth_kind(client["auth"]), "prefix": client.tool_prefix}]
    return [{"url": client.url, "auth": auth_kind(client.auth), "prefix": client.tool_prefix}]


def run(agent_dir: str) -> dict:
    for name in [m for m in sys.modules if m == "mcp_client" or m.startswith("mcp_client.")]:
        del sys.modules[name]
    sys.path.insert(0, agent_dir)
    try:
        warnings.clear()
        module = importlib.import_module("mcp_client.client")
        clients = module.get_gateway_clients()
        return {
            "count": len(clients),
            "clients": [entry for client in clients for entry in describe(client)],
            "warnings": list(warnings),
        }
    finally:
        sys.path.remove(agent_dir)


print(json.dumps({agent_dir: run(agent_dir) for agent_dir in sys.argv[1:]}))
