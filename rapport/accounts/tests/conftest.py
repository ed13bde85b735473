import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth counts attempts in the cache; one test's sign-ins must not throttle the next."""
    cache.clear()
    yield
    cache.clear()
