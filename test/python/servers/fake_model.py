"""A stand-in for the model providers' HTTP APIs, so a generated agent can answer a prompt offline.

It speaks just enough of three wire formats for the frameworks' own clients: OpenAI Chat Completions
(Strands, LangChain, CrewAI on OpenAI), the OpenAI Responses API (OpenAI Agents) and the Gemini API
(Google ADK), streamed or not. Every request is recorded with the names of the tools it offers the
model, which is what the agent tests look at; the answer is always the same short text.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, StreamingResponse
from starlette.routing import Route

ANSWER = "The fake model answers."


@dataclass
class ModelCall:
    api: str  # "chat-completions" | "responses" | "gemini"
    tools: list[str]


@dataclass
class FakeModel:
    calls: list[ModelCall] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _record(self, api: str, tools: list[str]) -> None:
        with self._lock:
            self.calls.append(ModelCall(api, tools))

    def app(self, _base_url: str) -> Starlette:
        return Starlette(
            routes=[
                Route("/v1/chat/completions", self._chat_completions, methods=["POST"]),
                Route("/v1/responses", self._responses, methods=["POST"]),
                Route("/v1beta/models/{model_action:path}", self._gemini, methods=["POST"]),
            ]
        )

    async def _chat_completions(self, request: Request):
        body = await request.json()
        self._record("chat-completions", [t["function"]["name"] for t in body.get("tools") or []])
        model = body.get("model", "fake")
        usage = {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}
        if not body.get("stream"):
            message = {"role": "assistant", "content": ANSWER}
            return JSONResponse(
                {"id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()), "model": model,
                 "choices": [{"index": 0, "message": message, "finish_reason": "stop"}], "usage": usage}
            )

        def chunk(delta: dict, finish: str | None) -> dict:
            return {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time()),
                    "model": model, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}

        events = [chunk({"role": "assistant", "content": ANSWER}, None), chunk({}, "stop")]
        if (body.get("stream_options") or {}).get("include_usage"):
            events.append({"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time()),
                           "model": model, "choices": [], "usage": usage})
        return _sse((None, e) for e in [*events, "[DONE]"])

    async def _responses(self, request: Request):
        body = await request.json()
        self._record("responses", [t.get("name") for t in body.get("tools") or [] if t.get("type") == "function"])
        model = body.get("model", "fake")
        text = {"type": "output_text", "text": ANSWER, "annotations": [], "logprobs": []}
        message = {"id": "msg-fake", "type": "message", "role": "assistant", "status": "completed", "content": [text]}
        usage = {"input_tokens": 1, "output_tokens": 1, "total_tokens": 2,
                 "input_tokens_details": {"cached_tokens": 0}, "output_tokens_details": {"reasoning_tokens": 0}}

        def response(status: str, output: list) -> dict:
            return {"id": "resp-fake", "object": "response", "created_at": int(time.time()), "model": model,
                    "status": status, "output": output, "parallel_tool_calls": True, "tool_choice": "auto",
                    "tools": [], "usage": usage if status == "completed" else None}

        if not body.get("stream"):
            return JSONResponse(response("completed", [message]))
        in_progress = {**message, "status": "in_progress", "content": []}
        where = {"item_id": "msg-fake", "output_index": 0, "content_index": 0}
        events = [
            {"type": "response.created", "response": response("in_progress", [])},
            {"type": "response.output_item.added", "output_index": 0, "item": in_progress},
            {"type": "response.content_part.added", **where, "part": {**text, "text": ""}},
            {"type": "response.output_text.delta", **where, "delta": ANSWER, "logprobs": []},
            {"type": "response.output_text.done", **where, "text": ANSWER, "logprobs": []},
            {"type": "response.content_part.done", **where, "part": text},
            {"type": "response.output_item.done", "output_index": 0, "item": message},
            {"type": "response.completed", "response": response("completed", [message])},
        ]
        return _sse((e["type"], {**e, "sequence_number": i}) for i, e in enumerate(events))

    async def _gemini(self, request: Request):
        body = await request.json()
        tools = [d["name"] for t in body.get("tools") or [] for d in t.get("functionDeclarations") or []]
        self._record("gemini", tools)
        answer = {
            "candidates": [{"content": {"role": "model", "parts": [{"text": ANSWER}]}, "finishReason": "STOP", "index": 0}],
            "usageMetadata": {"promptTokenCount": 1, "candidatesTokenCount": 1, "totalTokenCount": 2},
            "modelVersion": "fake",
        }
        if request.path_params["model_action"].endswith(":streamGenerateContent"):
            return _sse([(None, answer)])
        return JSONResponse(answer)


def _sse(events) -> StreamingResponse:
    def lines() -> Iterator[str]:
        for name, data in events:
            head = f"event: {name}\n" if name else ""
            yield f"{head}data: {data if isinstance(data, str) else json.dumps(data)}\n\n"

    return StreamingResponse(lines(), media_type="text/event-stream")
