"""A learner's weekly digest: the shout-outs they received, the check-ins their teachers
posted, and what is waiting for them (check-ins not opened yet, open surveys they have not
sent). Shout-outs and check-ins come from the ledger; open surveys from the survey engine's
own read for learners."""

from dataclasses import dataclass, field
from datetime import datetime

from rapport.core.kinds import TouchpointKind as K
from rapport.core.models import Touchpoint
from rapport.courses.models import Course
from rapport.radar.ledger import CHECKIN_SEEN_KINDS
from rapport.radar.weekly import WEEK
from rapport.surveys.selectors import surveys_for_learner


@dataclass
class LearnerDigest:
    shoutouts_from: list[str] = field(default_factory=list)  # givers' names, newest first
    new_checkins: int = 0
    checkins_not_opened: int = 0
    surveys_waiting: list[str] = field(default_factory=list)  # titles

    @property
    def is_empty(self) -> bool:
        return not (
            self.shoutouts_from
            or self.new_checkins
            or self.checkins_not_opened
            or self.surveys_waiting
        )

    def lines(self) -> list[str]:
        """The digest in plain sentences (the notification's body and the email's)."""
        found = []
        if self.shoutouts_from:
            count = len(self.shoutouts_from)
            names = ", ".join(dict.fromkeys(self.shoutouts_from))
            found.append(
                f"You received {count} shout-out{'s' if count != 1 else ''} this week, "
                f"from {names}."
            )
        if self.new_checkins:
            plural = "s" if self.new_checkins != 1 else ""
            found.append(f"Your teachers posted {self.new_checkins} new check-in{plural}.")
        if self.checkins_not_opened:
            if self.checkins_not_opened == 1:
                found.append("Waiting for you: 1 check-in you have not opened yet.")
            else:
                found.append(
                    f"Waiting for you: {self.checkins_not_opened} check-ins you have not "
                    "opened yet."
                )
        for title in self.surveys_waiting:
            found.append(f"Waiting for you: the survey “{title}”.")
        return found


def learner_digest(*, course: Course, user, now: datetime) -> LearnerDigest:
    """The week ending at ``now`` for ``user`` — four queries."""
    week = Touchpoint.objects.filter(course=course, occurred_at__gt=now - WEEK).filter(
        occurred_at__lte=now
    )
    shoutouts = (
        week.filter(kind=K.SHOUTOUT, subject=user)
        .exclude(actor=user)
        .select_related("actor")
        .order_by("-occurred_at", "-pk")
    )
    posted = list(
        week.filter(kind=K.CHECKIN_POSTED, subject__isnull=True)
        .order_by()
        .values_list("object_type_id", "object_id")
        .distinct()
    )
    seen = set(
        Touchpoint.objects.filter(
            course=course,
            kind__in=CHECKIN_SEEN_KINDS,
            actor=user,
            object_id__in=[object_id for _, object_id in posted],
            occurred_at__lte=now,
        )
        .order_by()
        .values_list("object_type_id", "object_id")
    )
    return LearnerDigest(
        shoutouts_from=[tp.actor.display_name for tp in shoutouts if tp.actor is not None],
        new_checkins=len(posted),
        checkins_not_opened=sum(1 for item in posted if item not in seen),
        surveys_waiting=[
            entry.survey.title
            for entry in surveys_for_learner(course=course, user=user, now=now)
            if entry.waiting
        ],
    )
