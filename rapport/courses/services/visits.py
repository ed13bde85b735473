"""Remembering which course someone opened last, so signing in brings them back to it."""

from datetime import datetime, timedelta

from rapport.courses.models import Membership

# A repeat visit to the course someone opened last is not written again within this
# time. The home is the page a whole class opens at once, and on SQLite every write waits
# for the one write lock; "last visited" only has to tell their courses apart.
VISIT_RESOLUTION = timedelta(minutes=10)


def membership_visit(*, membership: Membership, now: datetime) -> None:
    """Moves ``last_visited_at`` to ``now``, in one UPDATE and no read — except on a
    repeat visit within VISIT_RESOLUTION, when one read shows whether another of their
    courses was opened since: if not, nothing is written."""
    latest = membership.last_visited_at
    if latest is not None and now - latest < VISIT_RESOLUTION:
        opened_another_since = (
            Membership.objects.filter(user_id=membership.user_id, last_visited_at__gt=latest)
            .exclude(pk=membership.pk)
            .exists()
        )
        if not opened_another_since:
            return
    Membership.objects.filter(pk=membership.pk).update(last_visited_at=now)
    membership.last_visited_at = now
