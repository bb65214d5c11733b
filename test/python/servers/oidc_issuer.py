"""A local OIDC issuer for CUSTOM_JWT gateways: discovery document, JWKS, and an OAuth 2.0
client-credentials token endpoint that signs RS256 access tokens (shaped like Cognito's M2M tokens)."""

from __future__ import annotations

import base64
import json
import secrets
import threading
import time
import uuid
from urllib.parse import unquote_plus

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

WELL_KNOWN = "/.well-known/openid-configuration"


class OidcIssuer:
    """Holds the signing key and the registered clients; `app(base_url)` serves them."""

    def __init__(self, clients: dict[str, str], token_lifetime: int = 3600) -> None:
        self.clients = dict(clients)
        self.token_lifetime = token_lifetime
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = secrets.token_hex(8)
        self.issuer = ""
        self._lock = threading.Lock()
        self.tokens_issued = 0

    @property
    def discovery_url(self) -> str:
        return self.issuer + WELL_KNOWN

    def jwks(self) -> dict:
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**public, "kid": self.kid, "use": "sig", "alg": "RS256"}]}

    def mint(self, client_id: str, scope: str = "", lifetime: int | None = None, key=None) -> str:
        """Signs an access token for `client_id`; tests use `key` and `lifetime` to forge bad ones."""
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "sub": client_id,
            "client_id": client_id,
            "token_use": "access",
            "scope": scope,
            "iat": now,
            "exp": now + (self.token_lifetime if lifetime is None else lifetime),
            "jti": str(uuid.uuid4()),
        }
        return jwt.encode(claims, key or self.key, algorithm="RS256", headers={"kid": self.kid})

    def _client_of(self, request: Request, form) -> tuple[str | None, str | None]:
        header = request.headers.get("authorization", "")
        if header.lower().startswith("basic "):
            try:
                client_id, _, secret = base64.b64decode(header[6:]).decode().partition(":")
            except ValueError:
                return None, None
            return unquote_plus(client_id), unquote_plus(secret)
        return form.get("client_id"), form.get("client_secret")

    async def _token(self, request: Request) -> JSONResponse:
        form = await request.form()
        if form.get("grant_type") != "client_credentials":
            return JSONResponse({"error": "unsupported_grant_type"}, status_code=400)
        client_id, secret = self._client_of(request, form)
        expected = self.clients.get(client_id or "")
        if expected is None or not secrets.compare_digest(expected, secret or ""):
            return JSONResponse(
                {"error": "invalid_client"}, status_code=401, headers={"WWW-Authenticate": 'Basic realm="token"'}
            )
        scope = str(form.get("scope") or "")
        with self._lock:
            self.tokens_issued += 1
        return JSONResponse(
            {
                "access_token": self.mint(client_id, scope),
                "token_type": "Bearer",
                "expires_in": self.token_lifetime,
                **({"scope": scope} if scope else {}),
            }
        )

    async def _discovery(self, _request: Request) -> JSONResponse:
        return JSONResponse(
            {
                "issuer": self.issuer,
                "jwks_uri": f"{self.issuer}/jwks",
                "token_endpoint": f"{self.issuer}/token",
                "grant_types_supported": ["client_credentials"],
                "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "response_types_supported": ["token"],
                "subject_types_supported": ["public"],
            }
        )

    async def _jwks(self, _request: Request) -> JSONResponse:
        return JSONResponse(self.jwks())

    def app(self, base_url: str) -> Starlette:
        self.issuer = base_url
        return Starlette(
            routes=[
                Route(WELL_KNOWN, self._discovery),
                Route("/jwks", self._jwks),
                Route("/token", self._token, methods=["POST"]),
            ]
        )
