class Session:
    region_name = None

    def get_credentials(self):
        return "stub-credentials"
