"""MCP client helpers for checking the local servers and the local gateway directly from the runner venv."""

from __future__ import annotations

import asyncio

import httpx
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from mcp import ClientSession
from mcp.client.streamable_http import streamable_http_client

from conftest import ACCESS_KEY, REGION, SECRET_KEY


class BotocoreSigV4(httpx.Auth):
    """Signs each request as an AWS SDK would, for the server-side check to verify."""

    requires_request_body = True

    def __init__(self, secret_key: str = SECRET_KEY, service: str = "bedrock-agentcore", tamper: bool = False):
        self.signer = SigV4Auth(Credentials(ACCESS_KEY, secret_key), service, REGION)
        self.tamper = tamper

    def auth_flow(self, request: httpx.Request):
        aws = AWSRequest(method=request.method, url=str(request.url), data=request.content, headers={"host": request.url.netloc.decode()})
        self.signer.add_auth(aws)
        for name in ("Authorization", "X-Amz-Date"):
            request.headers[name] = aws.headers[name]
        if self.tamper and request.content:
            # Same length, different bytes: only a body-covering signature check notices.
            request._content = request.content.replace(b'"', b"'", 1)
            request.stream = httpx.ByteStream(request._content)
        yield request


async def _list_tools(url: str, **client_args) -> list[str]:
    async with httpx.AsyncClient(timeout=15, **client_args) as http:
        async with streamable_http_client(url, http_client=http) as (read, write, _):
            async with ClientSession(read, write) as session:
                await session.initialize()
                return sorted(t.name for t in (await session.list_tools()).tools)


def list_tools(url: str, **client_args) -> list[str]:
    return asyncio.run(_list_tools(url, **client_args))


def status_of(url: str, **client_args) -> httpx.Response:
    """A bare MCP initialize POST, to see the HTTP status the server answers with."""
    body = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "initialize",
        "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "0"}},
    }
    with httpx.Client(timeout=15, **client_args) as http:
        return http.post(url, json=body, headers={"accept": "application/json, text/event-stream"})


def client_credentials_token(local_servers, client_id: str, secret: str) -> httpx.Response:
    """OAuth client-credentials grant at the local issuer's token endpoint (found through discovery)."""
    config = httpx.get(local_servers.issuer.discovery_url).json()
    return httpx.post(config["token_endpoint"], data={"grant_type": "client_credentials"}, auth=(client_id, secret))


def bearer(token: str) -> dict:
    return {"headers": {"authorization": f"Bearer {token}"}}
