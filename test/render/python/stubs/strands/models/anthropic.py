class AnthropicModel:
    """Records how it was built."""

    def __init__(self, client_args=None, **kwargs):
        self.client_args = client_args or {}
        self.kwargs = kwargs
