"""Emptying the cache between tests empties this test worker's entries only: with Redis,
another worker's (another key prefix in the same database) stay."""

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

from rapport.core.testing.caches import clear_own_cache


def test_clearing_the_cache_leaves_another_workers_entries():
    cache = caches["default"]
    cache.set("mine", 1)
    other = None
    if isinstance(cache, RedisCache):
        other = cache._cache.get_client(write=True)
        other.set("another-worker:1:theirs", b"2")
    clear_own_cache()
    assert cache.get("mine") is None
    if other is not None:
        assert other.get("another-worker:1:theirs") == b"2"
        other.delete("another-worker:1:theirs")
