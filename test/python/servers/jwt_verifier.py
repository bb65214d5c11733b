"""Bearer-token check for the CUSTOM_JWT test gateway, as AgentCore does it: the token must be an RS256
JWT signed by a key from the discovery document's JWKS, from that issuer, unexpired, and for an
allowed client."""

from __future__ import annotations

import threading

import httpx
import jwt
from mcp.server.auth.provider import AccessToken


class JwtVerifier:
    """An `mcp` TokenVerifier; counts what it accepted and refused so tests can see it was consulted."""

    def __init__(self, discovery_url: str, allowed_clients: list[str]) -> None:
        config = httpx.get(discovery_url, timeout=10).raise_for_status().json()
        self.issuer = config["issuer"]
        self.keys = jwt.PyJWKSet.from_dict(httpx.get(config["jwks_uri"], timeout=10).raise_for_status().json())
        self.allowed_clients = set(allowed_clients)
        self._lock = threading.Lock()
        self.accepted = 0
        self.refused = 0

    def _count(self, ok: bool) -> None:
        with self._lock:
            if ok:
                self.accepted += 1
            else:
                self.refused += 1

    async def verify_token(self, token: str) -> AccessToken | None:
        try:
            kid = jwt.get_unverified_header(token).get("kid")
            key = next(k for k in self.keys.keys if k.key_id == kid)
            claims = jwt.decode(
                token,
                key.key,
                algorithms=["RS256"],
                issuer=self.issuer,
                options={"require": ["exp", "iat", "iss"], "verify_aud": False},
            )
        except (jwt.PyJWTError, StopIteration):
            self._count(False)
            return None
        client_id = claims.get("client_id") or claims.get("azp") or ""
        if client_id not in self.allowed_clients:
            self._count(False)
            return None
        self._count(True)
        return AccessToken(
            token=token,
            client_id=client_id,
            scopes=str(claims.get("scope") or "").split(),
            expires_at=claims["exp"],
            subject=claims.get("sub"),
        )
