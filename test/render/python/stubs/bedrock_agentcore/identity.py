def requires_access_token(**kwargs):
    return lambda fn: fn


# The provider names the generated code asked AgentCore Identity for a key, in order.
api_key_requests: list[str] = []


def requires_api_key(*, provider_name, into="api_key"):
    """Like the real decorator: calls the function with the key of `provider_name` in `into`."""

    def decorator(fn):
        def wrapper(*args, **kwargs):
            api_key_requests.append(provider_name)
            kwargs[into] = f"identity-key-of-{provider_name}"
            return fn(*args, **kwargs)

        return wrapper

    return decorator
