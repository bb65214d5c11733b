class MCPClient:
    def __init__(self, transport_callable=None, **kwargs):
        self.url, self.auth, self.tool_prefix = kwargs["url"], kwargs.get("auth_provider"), kwargs.get("prefix")
