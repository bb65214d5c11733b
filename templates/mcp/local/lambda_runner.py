"""Runs the generated handler.py of a Lambda-hosted managed MCP server for the local gateway, the way
Lambda calls it. Started as `python lambda_runner.py <code folder>` with the folder's own .venv; reads one
request per line on stdin and answers each on file descriptor 3 (stdout and stderr stay the code's own):
  {"id": 1, "tool": "<target>___<tool>", "event": {...}} -> {"id": 1, "result": ...} or {"id": 1, "error": "..."}
It ends when stdin closes, so it never outlives the gateway that started it.
"""

import json
import os
import sys

code_dir = os.path.abspath(sys.argv[1])
sys.path.insert(0, code_dir)
replies = os.fdopen(3, "w", buffering=1)

import handler  # noqa: E402  (the code folder is on the path only now)


class ClientContext:
    def __init__(self, tool):
        self.custom = {"bedrockAgentCoreToolName": tool}
        self.env = None
        self.client = None


class Context:
    def __init__(self, request):
        self.function_name = os.path.basename(code_dir)
        self.aws_request_id = f"local-{request['id']}"
        self.client_context = ClientContext(request["tool"])

    def get_remaining_time_in_millis(self):
        return 30000


def answer(request):
    return {"result": handler.handler(request["event"], Context(request))}


for line in sys.stdin:
    request = json.loads(line)
    try:
        message = {"id": request["id"], **answer(request)}
    except Exception as error:  # the tool's own failure is its call's answer
        message = {"id": request["id"], "error": f"{type(error).__name__}: {error}"}
    replies.write(json.dumps(message, default=str) + "\n")
