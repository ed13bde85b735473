import pytest

from rapport.radar.testing import learners_drifting


@pytest.fixture
def drifting(cast):
    return learners_drifting(cast)
