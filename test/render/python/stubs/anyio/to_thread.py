async def run_sync(fn, *args):
    return fn(*args)
