from datetime import timedelta

import pytest
from django.utils import timezone

from rapport.courses.models import Membership


@pytest.fixture
def drifting(cast):
    """Both learners joined three weeks ago and nobody has reached them: each is on the
    reach-out list ("no personal contact yet" and quieter signals)."""
    Membership.objects.filter(course=cast.course, role="learner").update(
        joined_at=timezone.now() - timedelta(days=21)
    )
    return cast
