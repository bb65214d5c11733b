import contextlib
import os


class Auth:
    pass


class Timeout:
    def __init__(self, *args, **kwargs):
        pass


class TransportError(Exception):
    pass


class ConnectError(TransportError):
    pass


class AsyncClient:
    def __init__(self, **kwargs):
        self.kwargs = kwargs


class Client(AsyncClient):
    """Answers every URL, except those listed in STUB_UNREACHABLE_URLS (comma-separated): refused."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    @contextlib.contextmanager
    def stream(self, method, url, **kwargs):
        if url in os.environ.get("STUB_UNREACHABLE_URLS", "").split(","):
            raise ConnectError("[Errno 111] Connection refused")
        yield object()


Request = Response = object
