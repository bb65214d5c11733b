class MultiServerMCPClient:
    def __init__(self, connections=None, **kwargs):
        self.connections = connections
