class Auth:
    pass


class Timeout:
    def __init__(self, *args, **kwargs):
        pass


class AsyncClient:
    def __init__(self, **kwargs):
        self.kwargs = kwargs


class Client(AsyncClient):
    pass


Request = Response = object
