"""Serves the local test servers until interrupted, printing the variables an agent needs to reach them.

    .venv-python-tier/runner/bin/python -m servers   (from test/python)
"""

import secrets
import signal
import time

from .stack import Identities, local_servers

ids = Identities("dev-client", secrets.token_urlsafe(16), "other-client", secrets.token_urlsafe(16),
                 "AKIAPYTHONTIERTEST01", secrets.token_urlsafe(30))
with local_servers(ids) as servers:
    print(f"DISCOVERY_URL={servers.issuer.discovery_url}")
    print(f"CLIENT_ID={ids.client_id}\nCLIENT_SECRET={ids.client_secret}")
    print(f"AWS_ACCESS_KEY_ID={ids.access_key}\nAWS_SECRET_ACCESS_KEY={ids.secret_key}")
    for auth_type, gateway in servers.gateways.items():
        print(f"{auth_type}_URL={gateway.url}")
    print(f"CUSTOM_JWT_OTHER_CLIENT_URL={servers.jwt_other_client.url}", flush=True)
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stop on SIGTERM as on Ctrl-C
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
