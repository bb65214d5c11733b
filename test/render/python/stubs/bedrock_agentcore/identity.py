def requires_access_token(**kwargs):
    return lambda fn: fn
