"""The radar's words for the ledger: which kinds of moment count as what, the windows it
counts in, who is in the course, and the shapes of what it reads."""

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from rapport.core.kinds import TouchpointKind as K
from rapport.core.models import Touchpoint
from rapport.courses.models import STAFF_ROLES, Course, Membership, MembershipStatus, Role

# Weeks of a learner's own past the participation baseline averages over.
BASELINE_WEEKS = 4
# How many of the latest check-ins the radar looks back over.
RECENT_CHECKINS = 3

PERSONAL_STAFF_KINDS = (
    K.PERSONAL_MESSAGE,
    K.FEEDBACK_GIVEN,
    K.MESSAGE_REPLY,
    K.POST_REPLY,
    K.MENTION,
    K.SHOUTOUT,
    K.RESOURCE_RECOMMENDED,
    K.MILESTONE_CELEBRATED,
    K.RITUAL_FEATURED,
    K.HELP_FOLLOWED_UP,
    K.CARD_COMMENT,
    K.ONE_TO_ONE_MET,
)
PEER_KINDS = (
    K.POST_REPLY,
    K.MESSAGE_REPLY,
    K.MENTION,
    K.SHOUTOUT,
    K.POST_REACTION,
    K.MESSAGE_REACTION,
    K.RITUAL_FEATURED,
    K.MILESTONE_CELEBRATED,
    K.CARD_REACTION,
    K.CARD_COMMENT,
    K.PEER_FEEDBACK,
    K.FEEDBACK_THANKS,
)
REPLY_KINDS = (K.POST_REPLY, K.MESSAGE_REPLY, K.CARD_COMMENT)
# What counts as "they have posted" (so the silence of classmates means something).
OWN_POST_KINDS = (
    K.TOPIC_STARTED,
    K.POST_REPLY,
    K.RITUAL_ANSWERED,
    K.WALL_CARD_POSTED,
    K.REFLECTION_SHARED,
)
CHECKIN_SEEN_KINDS = (K.CHECKIN_OPENED, K.CHECKIN_WATCHED)
# Weeks of mood the radar reads (this week, last week and the week before).
MOOD_WEEKS = 3


def learner_ids(course: Course):
    return Membership.objects.filter(
        course=course, role=Role.LEARNER, status=MembershipStatus.ACTIVE
    ).values("user_id")


def staff_ids(course: Course):
    return Membership.objects.filter(
        course=course, role__in=STAFF_ROLES, status=MembershipStatus.ACTIVE
    ).values("user_id")


def course_ledger(course: Course, now: datetime):
    return Touchpoint.objects.filter(course=course, occurred_at__lte=now).order_by()


class StaffContact(NamedTuple):
    """Personal contacts from one staff member to one learner. (A tuple of numbers and a
    moment, which the garbage collector stops following: a page holds thousands.)"""

    staff_id: int
    learner_id: int
    this_term: int
    last_7_days: int
    previous_7_days: int
    last_14_days: int
    latest: datetime


@dataclass(frozen=True)
class RecentCheckins:
    # the latest check-ins, newest first: (object id, released at)
    posted: list[tuple[str, datetime]]
    # learner id -> the ids of those they opened
    opened: dict[int, set[str]]


@dataclass(frozen=True)
class Members:
    learners: frozenset[int]
    staff: frozenset[int]


def members(course: Course) -> Members:
    rows = Membership.objects.filter(course=course, status=MembershipStatus.ACTIVE).values_list(
        "user_id", "role"
    )
    learners, staff = set(), set()
    for user_id, role in rows:
        if role == Role.LEARNER:
            learners.add(user_id)
        elif role in STAFF_ROLES:
            staff.add(user_id)
    return Members(learners=frozenset(learners), staff=frozenset(staff))
