"""Occasions to celebrate: birthdays coming up, news learners shared, milestones read from
the ledger (``selectors.ledger``) and modules staff marked finished — for the whole course
this week, or for one learner; and the learner's own milestones page."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from rapport.core.ledger_pass import LedgerGroups
from rapport.courses.models import Course
from rapport.knowing.models.milestones import (
    Birthday,
    Celebration,
    MilestoneVisibility,
    ModuleMilestone,
    PersonalMilestone,
)
from rapport.knowing.selectors.ledger import ledger_occasions
from rapport.knowing.selectors.occasion import (  # noqa: F401 — the kinds, re-exported
    BIRTHDAY,
    BIRTHDAY_DAYS_AHEAD,
    FIRST_POST,
    FIRST_REPLY,
    FIVE_CHECKINS,
    HALFWAY,
    LEDGER_TITLES,
    MODULE,
    OTHER,
    PERSONAL,
    WEEK,
    Occasion,
    occasion_other,
)
from rapport.knowing.selectors.people import active_learners, learner_memberships

# Up to this many learners are filtered by a list of ids, more by the course's subquery.
LISTED_LEARNERS = 50

# --- birthdays ---------------------------------------------------------------------------


def birthday_window(today: date, days_ahead: int = BIRTHDAY_DAYS_AHEAD) -> dict[tuple, date]:
    """(month, day) → the date it falls on, for today and the next ``days_ahead`` days.
    29 February falls on 28 February outside leap years."""
    window: dict[tuple, date] = {}
    for offset in range(days_ahead + 1):
        day = today + timedelta(days=offset)
        window[(day.month, day.day)] = day
        if (day.month, day.day) == (2, 28) and (day + timedelta(days=1)).month == 3:
            window[(2, 29)] = day
    return window


def course_today(course: Course, now: datetime) -> date:
    return now.astimezone(course.zone()).date()


def _day_words(day: date, today: date) -> str:
    if day == today:
        return "today"
    if day == today + timedelta(days=1):
        return "tomorrow"
    return f"on {day:%A} {day.day} {day:%B}"


def _learner_ids(course: Course, learners: dict):
    """``learners``' ids as a filter: a few listed, a whole class as the subquery of the
    course's active learners (a list of hundreds costs more to send than the subquery)."""
    if len(learners) <= LISTED_LEARNERS:
        return list(learners)
    return active_learners(course=course).values("user_id")


def _birthdays(course: Course, learners: dict, now: datetime) -> list[Occasion]:
    today = course_today(course, now)
    window = birthday_window(today)
    months = {month for month, _ in window}
    rows = Birthday.objects.filter(user_id__in=_learner_ids(course, learners), month__in=months)
    occasions = []
    for birthday in rows:
        day = window.get((birthday.month, birthday.day))
        if day is None or birthday.user_id not in learners:
            continue
        learner = learners[birthday.user_id].user
        occasions.append(
            Occasion(
                key=f"{BIRTHDAY}:{day.year}",
                kind=BIRTHDAY,
                learner=learner,
                title=f"Birthday {_day_words(day, today)}",
                when=day,
                prefill=(
                    f"Happy birthday, {learner.display_name}! I hope your day is full of "
                    f"good things. I'm so glad you're part of {course.title}."
                ),
            )
        )
    return occasions


# --- what learners shared ----------------------------------------------------------------


def _personal(course: Course, learners: dict, since: datetime | None) -> list[Occasion]:
    rows = PersonalMilestone.objects.filter(
        course=course, user_id__in=_learner_ids(course, learners)
    )
    if since is not None:
        rows = rows.filter(shared_at__gte=since)
    occasions = []
    for milestone in rows:
        if milestone.user_id not in learners:
            continue
        learner = learners[milestone.user_id].user
        occasions.append(
            Occasion(
                key=f"{PERSONAL}:{milestone.pk}",
                kind=PERSONAL,
                learner=learner,
                title=milestone.text,
                detail=milestone.get_visibility_display(),
                when=milestone.shared_at,
                prefill=(
                    f"Congratulations, {learner.display_name}! I saw your news — "
                    f"“{milestone.text}”. That's wonderful, and thank you for sharing it "
                    "with me."
                ),
            )
        )
    return occasions


# --- modules staff marked finished -----------------------------------------------------


def _modules(course: Course, learners: dict, since: datetime | None) -> list[Occasion]:
    rows = ModuleMilestone.objects.filter(
        marker__course=course, learner_id__in=_learner_ids(course, learners)
    )
    if since is not None:
        rows = rows.filter(marker__marked_at__gte=since)
    # Plain values, not model instances: a class's modules are hundreds of rows.
    fields = ("learner_id", "marker_id", "marker__title", "marker__marked_at")
    occasions = []
    for learner_id, marker_id, title, marked_at in rows.values_list(*fields):
        if learner_id not in learners:
            continue
        learner = learners[learner_id].user
        occasions.append(
            Occasion(
                key=f"{MODULE}:{marker_id}",
                kind=MODULE,
                learner=learner,
                title=f"Finished “{title}”",
                when=marked_at,
                group=f"{MODULE}:{marker_id}",
                prefill=(
                    f"You finished “{title}”, {learner.display_name}! Well done — "
                    "that took real work. On to the next one together."
                ),
            )
        )
    return occasions


# --- together ----------------------------------------------------------------------------


def celebrations_by_occasion(*, course: Course, learner_id: int | None = None) -> dict:
    rows = (
        Celebration.objects.filter(course=course)
        .exclude(occasion="")
        .select_related("celebrated_by")
    )
    if learner_id is not None:
        rows = rows.filter(learner_id=learner_id)
    return {(row.learner_id, row.occasion): row for row in rows}


def occasions(
    *,
    course: Course,
    now: datetime,
    learner_id: int | None = None,
    since: datetime | None = None,
    groups: LedgerGroups | None = None,
    memberships: list | None = None,
) -> list[Occasion]:
    """Every occasion for the course's active learners (or one of them), newest first, each
    with its celebration if staff already celebrated it. ``since`` keeps what was reached
    or shared since then; upcoming birthdays are always included. ``groups``: the course's
    ledger grouped up to ``now`` (``rapport.core.ledger_pass``), and ``memberships``: the
    active learners' memberships with their users, when the caller has them."""
    if memberships is None:
        memberships = learner_memberships(course=course, user_id=learner_id)
    learners = {m.user_id: m for m in memberships}
    if not learners:
        return []
    found = (
        _birthdays(course, learners, now)
        + _personal(course, learners, since)
        + ledger_occasions(course, learners, learner_id, now, since, groups)
        + _modules(course, learners, since)
    )
    celebrated = celebrations_by_occasion(course=course, learner_id=learner_id)
    for occasion in found:
        occasion.celebration = celebrated.get((occasion.learner.pk, occasion.key))
        occasion.seen_at = now
    return sorted(found, key=lambda o: o.sort_moment, reverse=True)


@dataclass
class OccasionGroup:
    key: str
    title: str
    when: datetime
    occasions: list[Occasion] = field(default_factory=list)


@dataclass
class CelebrateWeek:
    birthdays: list[Occasion]
    shared: list[Occasion]
    reached: list[Occasion]
    groups: list[OccasionGroup]

    @property
    def is_empty(self) -> bool:
        return not (self.birthdays or self.shared or self.reached or self.groups)


def celebrate_week(
    *,
    course: Course,
    now: datetime,
    groups: LedgerGroups | None = None,
    memberships: list | None = None,
) -> CelebrateWeek:
    """What the teaching team could celebrate this week, still uncelebrated (``groups`` and
    ``memberships`` as for ``occasions``)."""
    found = occasions(
        course=course, now=now, since=now - WEEK, groups=groups, memberships=memberships
    )
    waiting = [o for o in found if not o.is_celebrated]
    groups: dict[str, OccasionGroup] = {}
    for occasion in waiting:
        if occasion.group:
            title = LEDGER_TITLES[HALFWAY] if occasion.kind == HALFWAY else occasion.title
            group = groups.setdefault(
                occasion.group,
                OccasionGroup(key=occasion.group, title=title, when=occasion.when),
            )
            group.occasions.append(occasion)
    for group in groups.values():
        group.occasions.sort(key=lambda o: o.learner.display_name.casefold())
    return CelebrateWeek(
        birthdays=sorted((o for o in waiting if o.kind == BIRTHDAY), key=lambda o: o.sort_moment),
        shared=[o for o in waiting if o.kind == PERSONAL],
        reached=[o for o in waiting if o.kind not in (BIRTHDAY, PERSONAL) and not o.group],
        groups=sorted(groups.values(), key=lambda g: g.when, reverse=True),
    )


def occasion_for(*, course: Course, learner, key: str, now: datetime) -> Occasion | None:
    """The learner's occasion named ``key`` as it stands now (None if there is none)."""
    if key == OTHER:
        return occasion_other(learner=learner, course=course)
    for occasion in occasions(course=course, now=now, learner_id=learner.pk):
        if occasion.key == key:
            return occasion
    return None


# --- the learner's own page --------------------------------------------------------------


@dataclass
class MyMilestones:
    birthday: Birthday | None
    milestones: list[PersonalMilestone]


def my_milestones(*, course: Course, user) -> MyMilestones:
    return MyMilestones(
        birthday=Birthday.objects.filter(user=user).first(),
        milestones=list(PersonalMilestone.objects.filter(course=course, user=user)),
    )


def my_milestone(*, course: Course, user, milestone_id: int) -> PersonalMilestone | None:
    """The person's own milestone — never anyone else's, whoever asks."""
    return PersonalMilestone.objects.filter(course=course, user=user, pk=milestone_id).first()


def shared_with_class(
    *, course: Course, since: datetime, limit: int | None = None
) -> list[PersonalMilestone]:
    """News learners chose to share with the class, for a class-facing page to show."""
    news = (
        PersonalMilestone.objects.filter(
            course=course,
            visibility=MilestoneVisibility.CLASS,
            shared_at__gte=since,
            user_id__in=active_learners(course=course).values("user_id"),
        )
        .select_related("user")
        .order_by("-shared_at", "-pk")
    )
    return list(news[:limit] if limit is not None else news)


# How far back, and how much of, classmates' shared news the course home shows.
CLASS_NEWS_DAYS = 30
CLASS_NEWS_LIMIT = 8


def class_news(*, course: Course, now: datetime) -> list[PersonalMilestone]:
    """The latest news learners shared "with classmates", for the course home."""
    return shared_with_class(
        course=course, since=now - timedelta(days=CLASS_NEWS_DAYS), limit=CLASS_NEWS_LIMIT
    )
