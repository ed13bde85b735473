import pytest

from rapport.core.testing.caches import clear_own_cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth counts attempts in the cache; one test's sign-ins must not throttle the next."""
    clear_own_cache()
    yield
    clear_own_cache()
