class MCPClient:
    def __init__(self, transport_callable=None, **kwargs):
        self.url, self.auth = kwargs["url"], kwargs.get("auth_provider")
