"""Peer feedback for tests."""

from rapport.courses.models import Membership


def membership_of(cast, user) -> Membership:
    """``user``'s membership of the cast's course, as the services take it."""
    return Membership.objects.select_related("user", "course").get(course=cast.course, user=user)
