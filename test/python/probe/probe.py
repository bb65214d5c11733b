"""Runs inside a framework's virtualenv (stdlib + that framework only) against generated agents.

One action, in a fresh process (handy by hand):
    python probe.py import <agent_dir>
    python probe.py list-tools <agent_dir> <framework> <gateway_snake> [expected,tool,names]
    python probe.py clients <agent_dir>
    python probe.py invoke <agent_dir> <prompt>
prints one `PROBE-RESULT {json}` line; exit code 0 when the action succeeded.

Many actions, as the tests run them:
    python probe.py serve <agent_dir>...
imports the third-party modules the agents' generated files import (found with `ast`), then reads
one JSON request per stdin line ({"action", "args", "env", "log", "timeout"}) and runs each in a
forked child with exactly the given environment, its output going to the `log` file. The framework
is imported once instead of once per action; the generated modules are imported fresh in every child.

Network access other than loopback is refused throughout, so an agent that reaches AWS or a model
provider while importing fails here.
"""

from __future__ import annotations

import ast
import asyncio
import importlib
import ipaddress
import json
import os
import signal
import socket
import sys
import threading
import time
import traceback
from pathlib import Path

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
    # get_<gateway>_client() gives the gateway's connection dict; a MultiServerMCPClient lists its tools.
    from langchain_mcp_adapters.client import MultiServerMCPClient

    if isinstance(client, dict):
        client = MultiServerMCPClient({"gateway": client})
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

    # The adapter waits this long for a session that never comes (e.g. after a 401) before it raises.
    with MCPServerAdapter(client, connect_timeout=10) as tools:
        return [tool.name for tool in tools]


def _crewai_name(mcp_name: str) -> str:
    # CrewAI renames MCP tools for LLM APIs ("t___x" -> "t_x").
    from crewai.utilities.string_utils import sanitize_tool_name

    return sanitize_tool_name(mcp_name)


LISTERS = {
    "Strands": _strands,
    "LangChain_LangGraph": _langchain,
    "GoogleADK": _google_adk,
    "OpenAIAgents": _openai_agents,
    "CrewAI": _crewai,
}


# How a framework names an MCP tool; the identity unless listed.
RENAMERS = {"CrewAI": _crewai_name}


def do_list_tools(agent_dir: str, framework: str, gateway_snake: str, expected: str = "") -> dict:
    """`expected`: comma-separated MCP tool names, returned as this framework names them."""
    _enter(agent_dir)
    rename = RENAMERS.get(framework, lambda name: name)
    expected_names = sorted(rename(name) for name in expected.split(",") if name)
    client = getattr(_client_module(), f"get_{gateway_snake}_client")()
    if client is None:
        raise RuntimeError(f"get_{gateway_snake}_client() returned None")
    result = LISTERS[framework](client)
    if asyncio.iscoroutine(result):
        result = asyncio.run(result)
    return {
        "tools": sorted(result),
        "expected": expected_names,
        "client_type": f"{type(client).__module__}.{type(client).__name__}",
    }


def do_invoke(agent_dir: str, prompt: str) -> dict:
    """Runs main.py's entrypoint as AgentCore Runtime would, and returns the streamed answer."""
    _enter(agent_dir)
    handler = importlib.import_module("main").app.handlers["main"]

    async def answer() -> str:
        result = handler({"prompt": prompt}, None)
        if asyncio.iscoroutine(result):
            result = await result
        if isinstance(result, str):
            return result
        return "".join([str(chunk) async for chunk in result])

    started = time.monotonic()
    text = asyncio.run(answer())
    return {"answer": text, "seconds": round(time.monotonic() - started, 2)}


ACTIONS = {"import": do_import, "list-tools": do_list_tools, "clients": do_clients, "invoke": do_invoke}


def run_action(action: str, args: list[str]) -> dict:
    try:
        out = {"ok": True, **ACTIONS[action](*args)}
    except BaseException as error:  # report everything, including SystemExit from a framework
        out = {
            "ok": False,
            "error": f"{type(error).__name__}: {error}",
            "traceback": traceback.format_exc()[-6000:],
        }
    out["blocked_network"] = list(BLOCKED)
    return out


LOCAL_PACKAGES = {"main", "mcp_client", "model"}


def third_party_imports(agent_dirs: list[str]) -> list[str]:
    """Absolute imports of the agents' Python files, minus the agents' own packages."""
    names: set[str] = set()
    for agent_dir in agent_dirs:
        for path in Path(agent_dir).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.Import):
                    names.update(alias.name for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names.add(node.module)
    return sorted(n for n in names if n.split(".")[0] not in LOCAL_PACKAGES and n != "__future__")


def _run_forked(request: dict) -> dict:
    result_path = request["log"] + ".result.json"
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # child: fresh environment, output to the log file, result to a file
        try:
            os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
            log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(log, 1)
            os.dup2(log, 2)
            os.environ.clear()
            os.environ.update(request["env"])
            BLOCKED.clear()
            out = run_action(request["action"], request["args"])
            Path(result_path).write_text(json.dumps(out, default=str))
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(0)
    deadline = time.monotonic() + request.get("timeout", 120)
    while True:
        done, _status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return {"ok": False, "error": f"timed out after {request.get('timeout', 120)}s", "blocked_network": []}
        time.sleep(0.02)
    try:
        return json.loads(Path(result_path).read_text())
    except (OSError, ValueError):
        return {"ok": False, "error": "the action died without a result (see its output)", "blocked_network": []}


def serve(agent_dirs: list[str]) -> int:
    preload_errors = {}
    for name in third_party_imports(agent_dirs):
        try:
            importlib.import_module(name)
        except Exception as error:  # the action that needs it reports the failure itself
            preload_errors[name] = f"{type(error).__name__}: {error}"
    # fork() is only safe while this process has a single thread.
    forking = threading.active_count() == 1
    print("PROBE-READY " + json.dumps({"forking": forking, "preload_errors": preload_errors,
                                       "preload_blocked_network": BLOCKED}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        if forking:
            out = _run_forked(request)
        else:
            out = _run_fresh(request)
        print("PROBE-RESULT " + json.dumps(out, default=str), flush=True)
    # Skip the frameworks' exit hooks (telemetry flushes and the like): nothing here needs them.
    os._exit(0)


def _run_fresh(request: dict) -> dict:
    """Fallback when forking is unsafe: the action in a new interpreter."""
    import subprocess

    with open(request["log"], "w") as log:
        proc = subprocess.run([sys.executable, __file__, request["action"], *request["args"]], env=request["env"],
                              stdout=subprocess.PIPE, stderr=log, text=True, timeout=request.get("timeout", 120))
    line = next((ln for ln in reversed(proc.stdout.splitlines()) if ln.startswith("PROBE-RESULT ")), None)
    return json.loads(line[len("PROBE-RESULT "):]) if line else {"ok": False, "error": "no result", "blocked_network": []}


def main(argv: list[str]) -> int:
    _guard_network()
    if argv[1] == "serve":
        return serve(argv[2:])
    out = run_action(argv[1], argv[2:])
    print("PROBE-RESULT " + json.dumps(out, default=str), flush=True)
    return 0 if out["ok"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
