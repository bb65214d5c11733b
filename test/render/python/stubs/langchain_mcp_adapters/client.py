class MultiServerMCPClient:
    def __init__(self, connections=None, **kwargs):
        self.connections, self.tool_name_prefix = connections, kwargs.get("tool_name_prefix", False)
