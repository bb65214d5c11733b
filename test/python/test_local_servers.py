"""The local servers themselves: they serve the tools to a correctly authenticated MCP client and
refuse everyone else. Without these, a passing agent test could mean a server that checks nothing."""

from __future__ import annotations

import time

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from conftest import CLIENT_ID, CLIENT_SECRET, OTHER_CLIENT_ID, OTHER_CLIENT_SECRET, REGION
from mcp_clients import BotocoreSigV4, bearer, client_credentials_token, list_tools, status_of
from servers.tools_server import TOOL_NAMES


def test_open_server_lists_tools(local_servers):
    assert list_tools(local_servers.gateways["NONE"].url) == sorted(TOOL_NAMES)


def test_issuer_serves_discovery_and_jwks(local_servers):
    config = httpx.get(local_servers.issuer.discovery_url).json()
    assert config["issuer"] == local_servers.issuer_server.base_url
    keys = httpx.get(config["jwks_uri"]).json()["keys"]
    assert keys and keys[0]["kty"] == "RSA" and keys[0]["alg"] == "RS256"


def test_issuer_grants_client_credentials_tokens_only_to_known_clients(local_servers):
    good = client_credentials_token(local_servers, CLIENT_ID, CLIENT_SECRET)
    assert good.status_code == 200 and good.json()["token_type"] == "Bearer"
    claims = jwt.decode(good.json()["access_token"], options={"verify_signature": False})
    assert claims["client_id"] == CLIENT_ID and claims["iss"] == local_servers.issuer.issuer
    # client_secret_post works as well as HTTP Basic.
    config = httpx.get(local_servers.issuer.discovery_url).json()
    posted = httpx.post(
        config["token_endpoint"],
        data={"grant_type": "client_credentials", "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET},
    )
    assert posted.status_code == 200
    assert client_credentials_token(local_servers, CLIENT_ID, "wrong-secret").status_code == 401
    assert client_credentials_token(local_servers, "stranger", CLIENT_SECRET).status_code == 401
    wrong_grant = httpx.post(config["token_endpoint"], data={"grant_type": "password"}, auth=(CLIENT_ID, CLIENT_SECRET))
    assert wrong_grant.status_code == 400


def test_jwt_server_accepts_a_token_from_the_issuer(local_servers):
    token = client_credentials_token(local_servers, CLIENT_ID, CLIENT_SECRET).json()["access_token"]
    assert list_tools(local_servers.gateways["CUSTOM_JWT"].url, **bearer(token)) == sorted(TOOL_NAMES)


@pytest.mark.parametrize("case", ["missing", "garbage", "foreign-key", "expired", "other-client", "other-issuer"])
def test_jwt_server_refuses_wrong_tokens(local_servers, case):
    issuer = local_servers.issuer
    tokens = {
        "missing": None,
        "garbage": "not-a-jwt",
        "foreign-key": lambda: issuer.mint(CLIENT_ID, key=rsa.generate_private_key(public_exponent=65537, key_size=2048)),
        "expired": lambda: issuer.mint(CLIENT_ID, lifetime=-120),
        "other-client": lambda: client_credentials_token(local_servers, OTHER_CLIENT_ID, OTHER_CLIENT_SECRET).json()[
            "access_token"
        ],
        "other-issuer": lambda: jwt.encode(
            {"iss": "http://127.0.0.1:1", "client_id": CLIENT_ID, "iat": int(time.time()), "exp": int(time.time()) + 60},
            issuer.key,
            algorithm="RS256",
            headers={"kid": issuer.kid},
        ),
    }
    token = tokens[case]() if callable(tokens[case]) else tokens[case]
    response = status_of(local_servers.gateways["CUSTOM_JWT"].url, **(bearer(token) if token else {}))
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")


def test_sigv4_server_accepts_a_botocore_signature(local_servers):
    gateway = local_servers.gateways["AWS_IAM"]
    before = gateway.verifier.accepted
    assert list_tools(gateway.url, auth=BotocoreSigV4()) == sorted(TOOL_NAMES)
    assert gateway.verifier.accepted > before
    assert REGION in gateway.verifier.regions


@pytest.mark.parametrize(
    "case, auth, reason",
    [
        ("unsigned", None, "missing Authorization"),
        ("wrong-secret", BotocoreSigV4(secret_key="not-the-secret"), "signature does not match"),
        ("wrong-service", BotocoreSigV4(service="execute-api"), "expected 'bedrock-agentcore'"),
        ("tampered-body", BotocoreSigV4(tamper=True), "signature does not match"),
    ],
)
def test_sigv4_server_refuses_bad_signatures(local_servers, case, auth, reason):
    gateway = local_servers.gateways["AWS_IAM"]
    response = status_of(gateway.url, **({"auth": auth} if auth else {}))
    assert response.status_code == 403
    assert reason in response.json()["message"]
