"""What an occasion to celebrate is — one learner's birthday, news, or milestone — and the
names of its kinds. Keys name an occasion for ``Celebration``: "birthday:2027",
"personal:12", "first_post", "module:3"."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cached_property

from django.utils import timezone

from rapport.courses.models import Course
from rapport.knowing.models.milestones import Celebration
from rapport.knowing.selectors.words import ago

WEEK = timedelta(days=7)
# Birthdays from today through this many days ahead, in the course's time zone.
BIRTHDAY_DAYS_AHEAD = 7
CHECKINS_FOR_MILESTONE = 5

BIRTHDAY = "birthday"
PERSONAL = "personal"
FIRST_POST = "first_post"
FIRST_REPLY = "first_reply"
FIVE_CHECKINS = "five_checkins"
HALFWAY = "halfway"
MODULE = "module"
OTHER = "other"

LEDGER_TITLES = {
    FIRST_POST: "Posted in the discussions for the first time",
    FIRST_REPLY: "Replied to a classmate for the first time",
    FIVE_CHECKINS: "Watched five check-ins",
    HALFWAY: "Halfway through the course",
}


@dataclass
class Occasion:
    """One thing worth a congratulations note. ``key`` names it for ``Celebration``."""

    key: str
    kind: str
    learner: object
    title: str
    when: datetime | date
    prefill: str
    detail: str = ""
    # Class-wide occasions (halfway, a module) are grouped on the celebrate page.
    group: str = ""
    celebration: Celebration | None = None
    # When the occasion was looked at, for ``ago``.
    seen_at: datetime | None = None

    @cached_property
    def ago(self) -> str:
        """ "3 days ago", for everything but birthdays (whose title says when) — worked out
        only for the occasions a page shows: a big class has hundreds."""
        if self.kind == BIRTHDAY or self.seen_at is None:
            return ""
        return ago(self.when, self.seen_at)

    @property
    def sort_moment(self) -> datetime:
        if isinstance(self.when, datetime):
            return self.when
        return datetime.combine(self.when, time.min, tzinfo=timezone.get_current_timezone())

    @property
    def is_celebrated(self) -> bool:
        return self.celebration is not None


def occasion_other(*, learner, course: Course) -> Occasion:
    return Occasion(
        key=OTHER,
        kind=OTHER,
        learner=learner,
        title="Something else worth celebrating",
        when=timezone.now(),
        prefill=f"Congratulations, {learner.display_name}! ",
    )
