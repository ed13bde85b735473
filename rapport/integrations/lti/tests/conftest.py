import pytest
import responses

from rapport.integrations.lti.testing import TestPlatform


@pytest.fixture
def mocked():
    """Every outbound request the test makes must be one it mocked (responses raises
    ConnectionError for any other)."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture
def platform(db, mocked) -> TestPlatform:
    platform = TestPlatform()
    platform.register()
    platform.mock(mocked)
    return platform
