"""Emptying the cache between tests without touching another test worker's.

With Redis, the workers of one run share a database and key their entries apart
(``environment.py`` gives each its own KEY_PREFIX); ``cache.clear()`` would empty the whole
database, the other worker's rate-limit counts and remembered values included, in the middle
of its tests. Here only this worker's keys go."""

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache


def clear_own_cache() -> None:
    cache = caches["default"]  # the backend itself (``django.core.cache.cache`` is a proxy)
    if not isinstance(cache, RedisCache):
        cache.clear()
        return
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=f"{cache.key_prefix}:*", count=1000))
    for start in range(0, len(keys), 500):
        client.delete(*keys[start : start + 500])


def forget_rate_limit_counts() -> None:
    """Every attempt counted by rapport.core.ratelimits and by allauth's limits in this
    worker, forgotten: ids of people come back from one test to the next (each test's rows
    are rolled back), and every test client comes from one address, so counts would add up
    from test to test within the limits' windows."""
    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        with cache._lock:
            for key in [key for key in cache._cache if any(m in key for m in COUNTERS)]:
                del cache._cache[key]
                cache._expire_info.pop(key, None)
        return
    client = cache._cache.get_client(write=True)
    keys = [
        key
        for counter in COUNTERS
        for key in client.scan_iter(match=f"{cache.key_prefix}:*{counter}*", count=1000)
    ]
    for start in range(0, len(keys), 500):
        client.delete(*keys[start : start + 500])


# what the keys of rate-limit counters hold (rapport.core.ratelimits, allauth's)
COUNTERS = (":rate:", ":allauth:rl:")
