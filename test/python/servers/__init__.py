"""Local servers the generated agents talk to in the Python tier (all bound to 127.0.0.1, free ports)."""
