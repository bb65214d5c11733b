class SigV4HTTPXAuth:
    def __init__(self, credentials, service, region):
        self.service, self.region = service, region
