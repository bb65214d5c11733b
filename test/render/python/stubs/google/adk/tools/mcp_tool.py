class StreamableHTTPConnectionParams:
    def __init__(self, url, **kwargs):
        self.url, self.kwargs = url, kwargs


class McpToolset:
    def __init__(self, *, connection_params, **kwargs):
        self.url, self.tool_prefix = connection_params.url, kwargs.get("tool_name_prefix")
        self.auth = connection_params.kwargs["httpx_client_factory"]().kwargs["auth"]
