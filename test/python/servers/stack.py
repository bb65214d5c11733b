"""Starts every local server the tier needs: the OIDC issuer, and one MCP server per inbound auth type."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from .fake_model import FakeModel
from .jwt_verifier import JwtVerifier
from .oidc_issuer import OidcIssuer
from .serve import RunningServer, serve
from .sigv4 import SigV4Middleware, SigV4Verifier
from .tools_server import tools_server


@dataclass
class Gateway:
    """One local MCP server standing in for a deployed gateway of the given inbound auth type."""

    auth_type: str
    server: RunningServer
    verifier: JwtVerifier | SigV4Verifier | None = None

    @property
    def url(self) -> str:
        return self.server.base_url + "/mcp"


@dataclass
class LocalServers:
    issuer: OidcIssuer
    issuer_server: RunningServer
    gateways: dict[str, Gateway] = field(default_factory=dict)
    # CUSTOM_JWT gateway trusting the same issuer but admitting only `other_client`: our agent's genuine token is wrong here.
    jwt_other_client: Gateway | None = None
    # The model providers' APIs, for agents that answer a prompt (base URL without a path).
    model: FakeModel | None = None
    model_server: RunningServer | None = None


@dataclass(frozen=True)
class Identities:
    client_id: str
    client_secret: str
    other_client_id: str
    other_client_secret: str
    access_key: str
    secret_key: str


@contextlib.contextmanager
def local_servers(ids: Identities) -> Iterator[LocalServers]:
    issuer = OidcIssuer({ids.client_id: ids.client_secret, ids.other_client_id: ids.other_client_secret})
    started: list[RunningServer] = []

    def start(app_for) -> RunningServer:
        server = serve(app_for)
        started.append(server)
        return server

    try:
        servers = LocalServers(issuer, start(issuer.app))
        servers.gateways["NONE"] = Gateway("NONE", start(lambda base: tools_server("open", base).streamable_http_app()))

        def jwt_gateway(allowed: str) -> Gateway:
            verifier = JwtVerifier(issuer.discovery_url, [allowed])
            app_for = lambda base: tools_server("jwt", base, verifier, issuer.issuer).streamable_http_app()  # noqa: E731
            return Gateway("CUSTOM_JWT", start(app_for), verifier)

        servers.gateways["CUSTOM_JWT"] = jwt_gateway(ids.client_id)
        servers.jwt_other_client = jwt_gateway(ids.other_client_id)

        sigv4 = SigV4Verifier(ids.access_key, ids.secret_key)
        app_for = lambda base: SigV4Middleware(tools_server("iam", base).streamable_http_app(), sigv4)  # noqa: E731
        servers.gateways["AWS_IAM"] = Gateway("AWS_IAM", start(app_for), sigv4)
        servers.model = FakeModel()
        servers.model_server = start(servers.model.app)
        yield servers
    finally:
        for server in reversed(started):
            server.stop()
