"""What the two course homes show, read through each feature's own selectors (the radar's
for the reach-out list). Each home costs the same number of queries however big the course
is (``tests/test_queries.py``)."""

from dataclasses import dataclass, field
from datetime import datetime

from rapport.community.checkins.selectors import reflections_for_learner
from rapport.community.discussions.queues import waiting
from rapport.community.rituals.selectors import rituals_for
from rapport.community.shoutouts.selectors import latest_for_me
from rapport.courses.models import Course, Membership
from rapport.courses.selectors import classmates_preview
from rapport.events.selectors import upcoming_events, with_my_answers
from rapport.groups.selectors import group_sets_for, my_groups
from rapport.home import actions
from rapport.knowing.recommend.selectors import picked_for
from rapport.knowing.selectors.milestones import celebrate_week, class_news
from rapport.live.selectors import open_session_for
from rapport.officehours import home as office_hours_home
from rapport.presence import selectors as presence
from rapport.presence.models import MessageKind
from rapport.radar import ledger
from rapport.radar.selectors import ThisWeek, this_week
from rapport.surveys.selectors import surveys_for_learner

# The home shows the top of the reach-out list and the oldest help requests; the radar
# page has the whole list, with every reason.
REACH_OUT_SHOWN = 10
HELP_SHOWN = 8
WAITING_POSTS_SHOWN = 3
NOT_OPENED_SHOWN = 6
CLASSMATES_SHOWN = 8
SHOUTOUTS_SHOWN = 3
PICKS_SHOWN = 3
CELEBRATIONS_SHOWN = 5
NEW_FOR_DAYS = 7  # "New this week": joined this long ago at most
EVENTS_SHOWN = 3


# --- staff: "This week" --------------------------------------------------------------------


@dataclass
class CheckinReach:
    checkin: object
    total: int
    not_opened: list[Membership]
    nudges: list[tuple[Membership, actions.Action]]
    # One note to all of them at once, from the team's first note template (if any).
    all_at_once: actions.Action | None = None

    @property
    def more_not_opened(self) -> int:
        return len(self.not_opened) - len(self.nudges)


@dataclass
class StaffHome:
    week: ThisWeek
    # the first REACH_OUT_SHOWN of the list, each with the action that reaches them
    reach_out: list[tuple[object, actions.Action]]
    reach_out_count: int
    # the HELP_SHOWN oldest help requests nobody has followed up
    help_waiting: list[tuple[object, actions.Action]]
    help_waiting_count: int
    # Joined in the last week and no personal word from the teaching team yet.
    newcomers: list[tuple[object, actions.Action]]
    waiting_posts: list
    waiting_posts_count: int
    waiting_hours: int
    celebrate: object
    celebrations: list
    checkin_reach: CheckinReach | None
    scheduled: list
    # the class's live session running now, if any; the next few social events; the
    # course's group sets
    live_now: object
    events: list
    group_sets: list
    # the course's meetings this week and those waiting to be marked
    office_hours: office_hours_home.StaffOfficeHours


def staff_home(*, course: Course, user, now: datetime, back: str) -> StaffHome:
    """``back`` is the home's own address: every prefilled action returns there."""
    # The ledger is read once, for the reach-out list and the milestones to celebrate.
    groups = ledger.ledger_groups(course, now)
    week = this_week(course=course, now=now, reading=ledger.read(course, now, groups))
    queue = waiting(course=course, now=now)
    celebrate = celebrate_week(
        course=course,
        now=now,
        groups=groups,
        memberships=[learner.membership for learner in week.indicators],
    )
    helped = sorted(
        (learner for learner in week.indicators if learner.open_help_requests),
        key=lambda learner: learner.open_help_since,
    )
    return StaffHome(
        week=week,
        reach_out=[
            (item, actions.reach_out_action(item, course=course, back=back))
            for item in week.to_reach[:REACH_OUT_SHOWN]
        ],
        reach_out_count=len(week.to_reach),
        help_waiting=[
            (learner, actions.help_action(learner.user, course=course, back=back))
            for learner in helped[:HELP_SHOWN]
        ],
        help_waiting_count=len(helped),
        newcomers=[
            (learner, actions.welcome_action(learner.user, course=course, back=back))
            for learner in week.indicators
            if learner.days_in_course < NEW_FOR_DAYS and learner.days_since_personal_contact is None
        ],
        waiting_posts=queue.page.object_list[:WAITING_POSTS_SHOWN],
        waiting_posts_count=queue.page.paginator.count,
        waiting_hours=queue.hours,
        celebrate=celebrate,
        celebrations=(celebrate.birthdays + celebrate.shared + celebrate.reached)[
            :CELEBRATIONS_SHOWN
        ],
        checkin_reach=_checkin_reach(
            course, back, learners_by_name=[learner.membership for learner in week.indicators]
        ),
        scheduled=presence.scheduled_checkins(course=course),
        live_now=open_session_for(course=course),
        events=upcoming_events(course=course, now=now, limit=EVENTS_SHOWN),
        group_sets=group_sets_for(course=course),
        office_hours=office_hours_home.for_staff(course=course, user=user, now=now),
    )


def _checkin_reach(course: Course, back: str, *, learners_by_name: list) -> CheckinReach | None:
    checkin = presence.latest_released_checkin(course=course)
    if checkin is None:
        return None
    reach = presence.checkin_reach(message=checkin, learners_by_name=learners_by_name)
    template = next(
        (t for t in presence.templates_for(course=course) if t.kind == MessageKind.NOTE), None
    )
    return CheckinReach(
        checkin=checkin,
        total=reach.total,
        not_opened=reach.not_opened,
        nudges=[
            (member, actions.checkin_nudge(member.user, course=course, checkin=checkin, back=back))
            for member in reach.not_opened[:NOT_OPENED_SHOWN]
        ],
        all_at_once=(
            actions.notes_from_template(course=course, template=template, to=reach.not_opened)
            if template is not None and len(reach.not_opened) > 1
            else None
        ),
    )


# --- learners: people first ------------------------------------------------------------------


@dataclass
class WaitingForYou:
    surveys: list = field(default_factory=list)
    rituals: list = field(default_factory=list)
    reflections: list = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.surveys or self.rituals or self.reflections)


@dataclass
class LearnerHome:
    latest_checkin: object
    unread: list
    waiting: WaitingForYou
    shoutouts: list
    class_news: list
    picks: list
    staff: list[Membership]
    classmates: list[Membership]
    classmate_count: int
    # the class's live session running now, if any; the groups they are in; the next few
    # social events, each with ``my_status`` (their answer, or "")
    live_now: object
    groups: list
    events: list
    # their next meeting, open invitations to talk, and whether anyone takes bookings
    office_hours: office_hours_home.LearnerOfficeHours


def learner_home(*, course: Course, membership: Membership, now: datetime) -> LearnerHome:
    user = membership.user
    people = classmates_preview(course=course, user=user, shown=CLASSMATES_SHOWN)
    return LearnerHome(
        latest_checkin=presence.latest_checkin_for_learner(course=course, user=user),
        unread=presence.unread_personal_for(course=course, user=user),
        waiting=_waiting_for(course, user, now),
        shoutouts=latest_for_me(course=course, user=user, count=SHOUTOUTS_SHOWN),
        class_news=class_news(course=course, now=now),
        picks=picked_for(course=course, learner=user)[:PICKS_SHOWN],
        staff=people.staff,
        classmates=people.shown,
        classmate_count=people.count,
        live_now=open_session_for(course=course),
        groups=my_groups(course=course, user=user),
        events=_events_answered(course, user, now),
        office_hours=office_hours_home.for_learner(course=course, user=user, now=now),
    )


def _events_answered(course: Course, user, now: datetime) -> list:
    events = upcoming_events(course=course, now=now, limit=EVENTS_SHOWN)
    return with_my_answers(user=user, events=[e for e in events if not e.is_cancelled])


def _waiting_for(course: Course, user, now: datetime) -> WaitingForYou:
    return WaitingForYou(
        surveys=[
            entry.survey
            for entry in surveys_for_learner(course=course, user=user, now=now)
            if entry.waiting
        ],
        rituals=[
            ritual
            for ritual in rituals_for(course=course, user=user, now=now)
            if ritual.current_is_open and not ritual.answered
        ],
        reflections=[
            prompt
            for prompt in reflections_for_learner(course=course, learner=user, now=now)
            if prompt.is_open(now) and prompt.my_answer is None
        ],
    )
