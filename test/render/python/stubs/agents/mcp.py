class MCPServerStreamableHttp:
    def __init__(self, params, **kwargs):
        self.url, self.auth, self.tool_prefix = params["url"], params.get("auth"), kwargs.get("name")
