"""Helpers for tests that need someone on the reach-out list."""

from datetime import timedelta

from django.utils import timezone

from rapport.courses.models import Membership, Role


def learners_drifting(cast, days: int = 21):
    """The cast's learners joined ``days`` ago and nobody has reached them: each is on the
    reach-out list ("no personal contact yet" and quieter signals)."""
    Membership.objects.filter(course=cast.course, role=Role.LEARNER).update(
        joined_at=timezone.now() - timedelta(days=days)
    )
    return cast
