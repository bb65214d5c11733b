"""Loads the model of a generated Strands + Anthropic agent with the stub packages; prints one JSON object.

    python3 model_api_key.py AGENT_DIR

`apiKey`: the key the model was built with (or `error`: why loading failed), and `identityRequests`:
the credential providers AgentCore Identity was asked for a key.
"""

import importlib
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "stubs"))
sys.path.insert(0, sys.argv[1])

from bedrock_agentcore import identity  # noqa: E402  (the stub)

load = importlib.import_module("model.load")
try:
    result = {"apiKey": load.load_model().client_args["api_key"]}
except RuntimeError as e:
    result = {"error": str(e)}
print(json.dumps({**result, "identityRequests": identity.api_key_requests}))
