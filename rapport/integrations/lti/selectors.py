"""Reads for LTI that views and services share."""

from django.db.models import QuerySet
from lti_tool.models import LtiRegistration

from rapport.core.enums import MembershipStatus, Role
from rapport.courses.models import Course


def courses_to_link(*, user, registration: LtiRegistration) -> QuerySet[Course]:
    """The Rapport courses ``user`` may link to an LMS course of ``registration``'s
    platform: ones they actively teach, not archived, and not already opened by another
    LMS course of that platform (a course may be linked from several platforms)."""
    return (
        Course.objects.filter(
            memberships__user=user,
            memberships__status=MembershipStatus.ACTIVE,
            memberships__role=Role.INSTRUCTOR,
            archived_at__isnull=True,
        )
        .exclude(lti_links__context__deployment__registration=registration)
        .order_by("title", "term", "pk")
    )
