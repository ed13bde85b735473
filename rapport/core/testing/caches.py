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
