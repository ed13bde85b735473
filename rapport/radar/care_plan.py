"""A staff member's weekly care plan: who to reach out to (the radar's list), what to
celebrate (knowing's celebrate week), learners' posts waiting for a reply (community's
waiting queue) and the equity figures — the course's and their own. Each part is read
through the owning app's public selector; the page and the Monday email show the same
plan."""

from dataclasses import dataclass, field, replace
from datetime import datetime

from rapport.community.discussions.queues import waiting
from rapport.courses.models import Course
from rapport.knowing.selectors.milestones import CelebrateWeek, celebrate_week
from rapport.radar import ledger
from rapport.radar.equity import Equity, course_equity
from rapport.radar.indicators import course_indicators
from rapport.radar.ranking import ReachOut, rank
from rapport.surveys.intro import intro_answers

# How many of each list the email names (the page shows them all).
EMAIL_NAMES = 5


@dataclass
class CarePlan:
    reach_out: list[ReachOut]
    celebrate: CelebrateWeek
    waiting_posts: list  # the oldest page of posts waiting for a reply
    waiting_count: int
    waiting_hours: int
    course_equity: Equity
    my_equity: Equity | None = None  # None for someone not on the teaching team
    # staff user id -> their own equity figures
    staff_equity: dict[int, Equity] = field(default_factory=dict, repr=False)

    def for_staff(self, staff) -> "CarePlan":
        """The same plan with ``staff``'s own equity figures."""
        return replace(self, my_equity=self.staff_equity.get(staff.pk))

    @property
    def celebrations(self) -> list:
        """Every occasion to celebrate, one list (class-wide ones grouped)."""
        c = self.celebrate
        return [*c.birthdays, *c.shared, *c.reached, *c.groups]

    def lines(self) -> list[str]:
        """The plan in plain sentences (the notification's body and the email's)."""
        found = []
        if self.reach_out:
            found.append(f"Reach out this week ({len(self.reach_out)}):")
            for item in self.reach_out[:EMAIL_NAMES]:
                found.append(f"  • {item.user.display_name}: {'; '.join(item.reasons)}")
            if len(self.reach_out) > EMAIL_NAMES:
                found.append(f"  … and {len(self.reach_out) - EMAIL_NAMES} more.")
        else:
            found.append("Nobody needs reaching out to this week.")
        celebrations = self.celebrations
        if celebrations:
            found.append(f"To celebrate ({len(celebrations)}):")
            for occasion in celebrations[:EMAIL_NAMES]:
                found.append(f"  • {_occasion_words(occasion)}")
        if self.waiting_count:
            plural = "s" if self.waiting_count != 1 else ""
            found.append(
                f"{self.waiting_count} post{plural} waiting for a reply for "
                f"{self.waiting_hours} hours or more."
            )
        figures = self.course_equity
        found.append(
            f"Reached personally in the last 7 days: {figures.reached_7_days:.0%} of "
            f"learners (the week before: {figures.reached_previous_7_days:.0%})."
        )
        if self.my_equity is not None:
            found.append(f"By you: {self.my_equity.reached_7_days:.0%} in the last 7 days.")
        return found


def _occasion_words(occasion) -> str:
    group = getattr(occasion, "occasions", None)
    if group is not None:  # a class-wide occasion: halfway, a module finished
        return f"{occasion.title} ({len(group)} learner{'s' if len(group) != 1 else ''})"
    return f"{occasion.learner.display_name}: {occasion.title}"


def course_care_plan(*, course: Course, now: datetime) -> CarePlan:
    """The plan every staff member of ``course`` shares; ``for_staff`` adds their own
    figures. A fixed number of queries."""
    # The ledger is read once, for the list, the equity figures and what to celebrate.
    groups = ledger.ledger_groups(course, now)
    reading = ledger.read(course, now, groups)
    indicators = course_indicators(course=course, now=now, reading=reading)
    reach_out = rank(indicators, intro_answers(course=course))
    equity = course_equity(
        course=course,
        now=now,
        contacts=reading.contacts,
        learners=[learner.user for learner in indicators],
    )
    queue = waiting(course=course, now=now)
    return CarePlan(
        reach_out=reach_out,
        celebrate=celebrate_week(
            course=course,
            now=now,
            groups=groups,
            memberships=[learner.membership for learner in indicators],
        ),
        waiting_posts=list(queue.page.object_list),
        waiting_count=queue.page.paginator.count,
        waiting_hours=queue.hours,
        course_equity=equity.course,
        staff_equity={member.pk: figures for member, figures in equity.per_staff},
    )


def care_plan(*, course: Course, staff, now: datetime) -> CarePlan:
    return course_care_plan(course=course, now=now).for_staff(staff)
