"""Live sessions for tests: a session of the cast's course with one activity on screen."""

from rapport.courses.models import Membership
from rapport.live import services
from rapport.live.models import ActivityKind


def member(user, course) -> Membership:
    return Membership.objects.get(user=user, course=course)


def session_make(cast, *, guests_allowed: bool = False, blocklist: str = ""):
    return services.session_create(
        course=cast.course,
        member=member(cast.instructor, cast.course),
        title="Monday class",
        guests_allowed=guests_allowed,
        blocklist=blocklist,
    )


def activity_make(cast, session, kind=ActivityKind.WORD, **fields):
    fields.setdefault("prompt", "One word for your week")
    if kind == ActivityKind.POLL:
        fields.setdefault("choices", ["Too slow", "About right", "Too fast"])
    return services.activity_add(
        session=session, member=member(cast.instructor, cast.course), kind=kind, **fields
    )
