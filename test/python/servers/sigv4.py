"""SigV4 check for the AWS_IAM test gateway: an ASGI middleware that recomputes the signature of each
request with botocore's own SigV4 signer (over the received method, path, query, signed headers and
body) and refuses the request with 403 unless it matches. No crypto of our own: botocore does it."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import threading

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

MAX_SKEW = datetime.timedelta(minutes=5)


class SignatureError(Exception):
    pass


def _parse_authorization(value: str) -> tuple[str, list[str], str]:
    algorithm, _, rest = value.partition(" ")
    if algorithm != "AWS4-HMAC-SHA256":
        raise SignatureError(f"unsupported authorization scheme {algorithm!r}")
    fields = {}
    for part in rest.split(","):
        key, _, val = part.strip().partition("=")
        fields[key] = val
    try:
        return fields["Credential"], fields["SignedHeaders"].split(";"), fields["Signature"]
    except KeyError as missing:
        raise SignatureError(f"authorization header lacks {missing}") from None


class SigV4Verifier:
    """Verifies requests signed for `service` with the given test credentials; region comes from the request."""

    def __init__(self, access_key: str, secret_key: str, service: str = "bedrock-agentcore") -> None:
        self.credentials = Credentials(access_key, secret_key)
        self.service = service
        self._lock = threading.Lock()
        self.accepted = 0
        self.refused: list[str] = []
        self.regions: set[str] = set()

    def verify(self, method: str, url: str, headers: dict[str, str], body: bytes) -> None:
        """Raises SignatureError naming what is wrong; `headers` has lower-case names."""
        if "authorization" not in headers:
            raise SignatureError("missing Authorization header (the request is not signed)")
        credential, signed, signature = _parse_authorization(headers["authorization"])
        try:
            access_key, date, region, service, terminator = credential.split("/")
        except ValueError:
            raise SignatureError(f"malformed credential scope {credential!r}") from None
        if access_key != self.credentials.access_key:
            raise SignatureError(f"unknown access key {access_key!r}")
        if service != self.service or terminator != "aws4_request":
            raise SignatureError(f"signed for service {service!r}, expected {self.service!r}")
        timestamp = headers.get("x-amz-date", "")
        try:
            when = datetime.datetime.strptime(timestamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc)
        except ValueError:
            raise SignatureError(f"missing or malformed X-Amz-Date {timestamp!r}") from None
        if not timestamp.startswith(date) or abs(datetime.datetime.now(datetime.timezone.utc) - when) > MAX_SKEW:
            raise SignatureError("X-Amz-Date is outside the credential scope date or 5 minutes from now")
        if "host" not in signed or "x-amz-date" not in signed:
            raise SignatureError("host and x-amz-date must be signed")
        missing = [name for name in signed if name not in headers]
        if missing:
            raise SignatureError(f"signed headers absent from the request: {missing}")
        declared_hash = headers.get("x-amz-content-sha256")
        if declared_hash not in (None, "UNSIGNED-PAYLOAD") and declared_hash != hashlib.sha256(body).hexdigest():
            raise SignatureError("X-Amz-Content-SHA256 does not match the body")

        request = AWSRequest(method=method, url=url, data=body, headers={name: headers[name] for name in signed})
        request.context["timestamp"] = timestamp
        signer = SigV4Auth(self.credentials, service, region)
        recomputed_signed = signer.signed_headers(signer.headers_to_sign(request))
        if recomputed_signed != ";".join(signed):
            raise SignatureError(f"cannot verify signed headers {signed} (botocore signs {recomputed_signed})")
        canonical = signer.canonical_request(request)
        expected = signer.signature(signer.string_to_sign(request, canonical), request)
        if not hmac.compare_digest(expected, signature):
            raise SignatureError("signature does not match")
        with self._lock:
            self.regions.add(region)


class SigV4Middleware:
    """ASGI middleware: buffers the body, verifies, then replays the body to the wrapped app."""

    def __init__(self, app, verifier: SigV4Verifier, max_body: int = 1 << 20) -> None:
        self.app = app
        self.verifier = verifier
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return await _refuse(send, 413, "request body too large")
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        query = scope.get("query_string", b"").decode("latin-1")
        url = f"http://{headers.get('host', '')}{scope.get('raw_path', scope['path'].encode()).decode('latin-1')}"
        if query:
            url += f"?{query}"
        try:
            self.verifier.verify(scope["method"], url, headers, body)
        except SignatureError as error:
            with self.verifier._lock:
                self.verifier.refused.append(str(error))
            return await _refuse(send, 403, str(error))
        with self.verifier._lock:
            self.verifier.accepted += 1

        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _refuse(send, status: int, reason: str) -> None:
    body = json.dumps({"message": reason}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
