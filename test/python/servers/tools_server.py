"""The MCP server behind every local gateway: streamable HTTP at /mcp with two small tools."""

from __future__ import annotations

from mcp.server.auth.provider import TokenVerifier
from mcp.server.auth.settings import AuthSettings
from mcp.server.fastmcp import FastMCP

# What a client must see when it lists the server's tools.
TOOL_NAMES = frozenset({"add_numbers", "reverse_text"})


def tools_server(
    name: str,
    base_url: str,
    token_verifier: TokenVerifier | None = None,
    issuer_url: str | None = None,
) -> FastMCP:
    """A fresh FastMCP server (each owns a session manager that runs once); with a verifier, bearer auth is on."""
    auth = (
        AuthSettings(issuer_url=issuer_url, resource_server_url=f"{base_url}/mcp", validate_token_resource=False)
        if token_verifier
        else None
    )
    mcp = FastMCP(name, token_verifier=token_verifier, auth=auth, stateless_http=True, log_level="WARNING")

    @mcp.tool()
    def add_numbers(a: int, b: int) -> int:
        """Adds two integers."""
        return a + b

    @mcp.tool()
    def reverse_text(text: str) -> str:
        """Returns the text reversed."""
        return text[::-1]

    return mcp
