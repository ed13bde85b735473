"""Attention equity: is the teaching team's personal attention reaching every learner, or
pooling on a few? Pure functions on counts, and one selector that feeds them from the
ledger (``ledger.personal_contacts``: one query)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from rapport.courses.models import STAFF_ROLES, Course, Membership, MembershipStatus, Role
from rapport.radar import ledger


def gini(counts: Sequence[int]) -> float:
    """The Gini coefficient of ``counts``: 0 when everyone gets the same, (n-1)/n when one
    person gets everything. No contact at all is perfectly equal: 0."""
    values = sorted(counts)
    n, total = len(values), sum(values)
    if n == 0 or total == 0:
        return 0.0
    weighted = sum((2 * i - n + 1) * value for i, value in enumerate(values))
    return weighted / (n * total)


def share_reached(counts: Sequence[int]) -> float:
    """The share of learners with at least one contact (0 for an empty course)."""
    return sum(1 for c in counts if c > 0) / len(counts) if counts else 0.0


def least_contacted_fifth(counts: dict) -> list:
    """The fifth of learners (rounded up) with the fewest contacts, fewest first; ties keep
    the order ``counts`` came in (by name, from the selector)."""
    if not counts:
        return []
    size = -(-len(counts) // 5)
    return sorted(counts, key=lambda key: counts[key])[:size]


@dataclass
class Equity:
    learners: int
    reached_7_days: float
    reached_14_days: float
    reached_previous_7_days: float
    gini_this_term: float
    least_contacted: list  # users, fewest contacts this term first

    @property
    def week_change(self) -> float:
        """Change in the share reached, this week against the week before (points of 1)."""
        return self.reached_7_days - self.reached_previous_7_days


def equity_of(*, learners: list, contacts: list[ledger.StaffContact]) -> Equity:
    """Equity over ``learners`` (users, in display order) from ``contacts`` pairs."""
    ids = [u.pk for u in learners]
    last_7 = dict.fromkeys(ids, 0)
    previous_7 = dict.fromkeys(ids, 0)
    last_14 = dict.fromkeys(ids, 0)
    term = dict.fromkeys(ids, 0)
    for contact in contacts:
        if contact.learner_id not in term:
            continue
        last_7[contact.learner_id] += contact.last_7_days
        previous_7[contact.learner_id] += contact.previous_7_days
        last_14[contact.learner_id] += contact.last_14_days
        term[contact.learner_id] += contact.this_term
    by_id = {u.pk: u for u in learners}
    return Equity(
        learners=len(ids),
        reached_7_days=share_reached(list(last_7.values())),
        reached_14_days=share_reached(list(last_14.values())),
        reached_previous_7_days=share_reached(list(previous_7.values())),
        gini_this_term=gini(list(term.values())),
        least_contacted=[by_id[i] for i in least_contacted_fifth(term)],
    )


@dataclass
class CourseEquity:
    course: Equity
    # staff user -> their own equity over all the course's learners
    per_staff: list[tuple[object, Equity]]


def course_equity(
    *,
    course: Course,
    now: datetime,
    contacts: list[ledger.StaffContact] | None = None,
    learners: list | None = None,
) -> CourseEquity:
    """The course's equity figures and each staff member's — two queries; the caller that
    has read them already passes the ``contacts`` and the active ``learners`` (users, by
    name), and only the staff are read."""
    members = Membership.objects.filter(course=course, status=MembershipStatus.ACTIVE)
    if learners is not None:
        members = members.filter(role__in=STAFF_ROLES)
    people = sorted(members.select_related("user"), key=lambda m: m.user.display_name.casefold())
    if learners is None:
        learners = [m.user for m in people if m.role == Role.LEARNER]
    staff = [m.user for m in people if m.role in STAFF_ROLES]
    if contacts is None:
        contacts = ledger.personal_contacts(course, now)
    return CourseEquity(
        course=equity_of(learners=learners, contacts=contacts),
        per_staff=[
            (
                member,
                equity_of(
                    learners=learners, contacts=[c for c in contacts if c.staff_id == member.pk]
                ),
            )
            for member in staff
        ],
    )
