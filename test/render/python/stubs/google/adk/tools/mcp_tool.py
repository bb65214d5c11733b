class StreamableHTTPConnectionParams:
    def __init__(self, url, **kwargs):
        self.url, self.kwargs = url, kwargs


class McpToolset:
    def __init__(self, *, connection_params, **kwargs):
        self.url = connection_params.url
        self.auth = connection_params.kwargs["httpx_client_factory"]().kwargs["auth"]
