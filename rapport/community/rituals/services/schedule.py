"""Rituals and their rounds: staff set a ritual up; the hourly task opens each week's round
at its time in the course's time zone (staff may open it early) and tells the learners
once; when a round closes, a class-vote ritual's top post(s) are featured."""

from datetime import datetime, time

from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils import timezone

from rapport.community.models.rituals import (
    PROMPT_MAX,
    Featuring,
    Ritual,
    RitualPost,
    RitualPreset,
    RitualRound,
    RitualVote,
    Weekday,
)
from rapport.community.rituals.services.featuring import feature
from rapport.core.kinds import NotificationKind
from rapport.core.refusals import Refused
from rapport.courses.announcements import tell_learners_once
from rapport.courses.memberships import require_staff
from rapport.courses.models import Course, Membership, Role

TITLE_MAX = 80


def _clean(
    *,
    title: str,
    prompts: str,
    weekday,
    time_of_day,
    open_days,
    featuring: str,
    preset: str,
) -> dict:
    title = " ".join((title or "").split())
    if not title:
        raise Refused("Give the ritual a name, like “Win of the Week”.", field="title")
    if len(title) > TITLE_MAX:
        raise Refused(f"Keep the name to {TITLE_MAX} characters.", field="title")
    lines = [line.strip() for line in (prompts or "").splitlines() if line.strip()]
    if not lines:
        raise Refused("Write the prompt learners will answer.", field="prompts")
    prompts = "\n".join(lines)
    if len(prompts) > PROMPT_MAX:
        raise Refused(f"Keep the prompts to {PROMPT_MAX} characters.", field="prompts")
    if weekday not in Weekday.values:
        raise Refused("Choose the day it opens.", field="weekday")
    if not isinstance(time_of_day, time):
        raise Refused("Choose the time it opens.", field="time_of_day")
    if not isinstance(open_days, int) or not 1 <= open_days <= 7:
        raise Refused("A round stays open for 1 to 7 days.", field="open_days")
    if featuring not in Featuring.values:
        raise Refused("Choose how posts are featured.", field="featuring")
    if preset not in RitualPreset.values:
        preset = RitualPreset.CUSTOM
    return {
        "title": title,
        "prompts": prompts,
        "weekday": weekday,
        "time_of_day": time_of_day.replace(second=0, microsecond=0),
        "open_days": open_days,
        "featuring": featuring,
        "preset": preset,
    }


@transaction.atomic
def ritual_create(
    *,
    course: Course,
    actor,
    title: str,
    prompts: str,
    weekday: int,
    time_of_day: time,
    open_days: int = 6,
    featuring: str = Featuring.STAFF,
    preset: str = RitualPreset.CUSTOM,
    now: datetime | None = None,
) -> Ritual:
    require_staff(course=course, user=actor)
    fields = _clean(
        title=title,
        prompts=prompts,
        weekday=weekday,
        time_of_day=time_of_day,
        open_days=open_days,
        featuring=featuring,
        preset=preset,
    )
    return Ritual.objects.create(
        course=course, created_by=actor, created_at=now or timezone.now(), **fields
    )


@transaction.atomic
def ritual_update(
    *,
    ritual: Ritual,
    actor,
    title: str,
    prompts: str,
    weekday: int,
    time_of_day: time,
    open_days: int,
    featuring: str,
    paused: bool = False,
) -> Ritual:
    """Change a ritual. A round already open keeps its prompt and closing time."""
    require_staff(course=ritual.course, user=actor)
    fields = _clean(
        title=title,
        prompts=prompts,
        weekday=weekday,
        time_of_day=time_of_day,
        open_days=open_days,
        featuring=featuring,
        preset=ritual.preset,
    )
    for name, value in fields.items():
        setattr(ritual, name, value)
    if paused and not ritual.is_paused:
        ritual.paused_at = timezone.now()
    elif not paused:
        ritual.paused_at = None
    ritual.save()
    return ritual


# --- rounds -------------------------------------------------------------------------------


def open_round_of(ritual: Ritual, at: datetime) -> RitualRound | None:
    return (
        RitualRound.objects.filter(ritual=ritual, opens_at__lte=at, closes_at__gt=at)
        .order_by("-opens_at")
        .first()
    )


def _round_create(
    *,
    ritual: Ritual,
    slot: datetime,
    opens_at: datetime,
    closes_at: datetime | None = None,
    opened_by=None,
) -> RitualRound | None:
    """The round for ``slot``, or None when it already exists (another worker, a retry)."""
    number = (RitualRound.objects.filter(ritual=ritual).aggregate(n=Max("number"))["n"] or 0) + 1
    try:
        with transaction.atomic():
            round_ = RitualRound.objects.create(
                ritual=ritual,
                number=number,
                slot=slot,
                opens_at=opens_at,
                closes_at=closes_at or ritual.closes_after(opens_at),
                prompt=ritual.prompt_for(number),
                opened_by=opened_by,
            )
    except IntegrityError:
        return None
    round_id = round_.pk
    transaction.on_commit(lambda: _enqueue_fan_out(round_id))
    return round_


def _enqueue_fan_out(round_id: int) -> None:
    from rapport.community.rituals.tasks import ritual_round_notify

    ritual_round_notify(round_id)


@transaction.atomic
def ritual_open_now(*, ritual: Ritual, actor, now: datetime | None = None) -> RitualRound:
    """Staff open this week's round by hand, now. It takes the place of the next scheduled
    opening (or of one that is due and not yet opened), so the week does not get two."""
    require_staff(course=ritual.course, user=actor)
    now = now or timezone.now()
    # One person at a time: two staff pressing "open now" together must not make two.
    Ritual.objects.select_for_update().filter(pk=ritual.pk).first()
    if open_round_of(ritual, now) is not None:
        raise Refused("This week's round is already open.")
    last = ritual.slot_on_or_before(now)
    taken = set(
        RitualRound.objects.filter(ritual=ritual, slot__gte=last).values_list("slot", flat=True)
    )
    if last not in taken and now < ritual.closes_after(last):
        # This week's round is due but didn't open (paused, or no worker): open it now,
        # closing when it would have.
        slot, closes_at = last, ritual.closes_after(last)
    else:
        slot, closes_at = ritual.slot_after(now), ritual.closes_after(now)
    if slot in taken:
        raise Refused(
            "This week's round has already run. The next one opens "
            f"{_when(ritual, ritual.slot_after(slot))}."
        )
    round_ = _round_create(
        ritual=ritual, slot=slot, opens_at=now, closes_at=closes_at, opened_by=actor
    )
    if round_ is None:
        raise Refused("This week's round has just been opened.")
    return round_


def _when(ritual: Ritual, at: datetime) -> str:
    local = at.astimezone(ritual.course.zone())
    return f"{local:%A %-d %B at %-H:%M} ({ritual.course.timezone})"


def rounds_open_due(*, now: datetime | None = None) -> list[RitualRound]:
    """Open every ritual's round whose scheduled time has come. Run hourly."""
    now = now or timezone.now()
    rituals = Ritual.objects.filter(paused_at__isnull=True).select_related("course")
    opened = [ritual_round_open_due(ritual=ritual, now=now) for ritual in rituals]
    return [round_ for round_ in opened if round_ is not None]


@transaction.atomic
def ritual_round_open_due(*, ritual: Ritual, now: datetime | None = None) -> RitualRound | None:
    """Open ``ritual``'s round for its latest scheduled time, if that has come and the
    round isn't open yet. A slot missed for longer than the round would have stayed open
    is skipped, not opened late; so is one from before the ritual existed."""
    now = now or timezone.now()
    if ritual.is_paused:
        return None
    slot = ritual.slot_on_or_before(now)
    if slot < ritual.created_at or now >= ritual.closes_after(slot):
        return None
    if RitualRound.objects.filter(ritual=ritual, slot=slot).exists():
        return None
    if open_round_of(ritual, now) is not None:
        return None
    return _round_create(ritual=ritual, slot=slot, opens_at=slot)


@transaction.atomic
def round_notify_learners(*, round_id: int, now: datetime | None = None) -> int:
    """Tell the course's learners a round is open — once per round, however often this
    runs."""
    now = now or timezone.now()
    if not RitualRound.objects.filter(pk=round_id, notified_at__isnull=True).update(
        notified_at=now
    ):
        return 0
    round_ = RitualRound.objects.select_related("ritual__course").get(pk=round_id)
    ritual, course = round_.ritual, round_.ritual.course
    return tell_learners_once(
        course=course,
        kind=NotificationKind.PROMPT_OPEN,
        url=round_.get_absolute_url(),
        title=f"{ritual.title} is open: {round_.prompt}",
        actor=round_.opened_by or ritual.created_by,
    )


def rounds_settle_due(*, now: datetime | None = None) -> int:
    """Settle every round that has closed: a class-vote ritual's top post(s) are featured."""
    now = now or timezone.now()
    due = RitualRound.objects.filter(settled_at__isnull=True, closes_at__lte=now).values_list(
        "pk", flat=True
    )
    return sum(len(round_settle(round_id=pk, now=now)) for pk in list(due))


@transaction.atomic
def round_settle(*, round_id: int, now: datetime | None = None) -> list[RitualPost]:
    """Once, after a round closes: with a class vote, feature the post(s) with the most
    votes (all of them on a tie; none when nobody voted). Returns what was featured."""
    now = now or timezone.now()
    claimed = RitualRound.objects.filter(
        pk=round_id, settled_at__isnull=True, closes_at__lte=now
    ).update(settled_at=now)
    if not claimed:
        return []
    round_ = RitualRound.objects.select_related("ritual__course", "ritual__created_by").get(
        pk=round_id
    )
    if not round_.ritual.by_vote:
        return []
    tally = list(
        RitualVote.objects.filter(round=round_)
        .values("post_id")
        .annotate(votes=Count("pk"))
        .order_by("-votes")
    )
    if not tally:
        return []
    top = tally[0]["votes"]
    winners = RitualPost.objects.filter(
        round=round_, pk__in=[row["post_id"] for row in tally if row["votes"] == top]
    ).select_related("author", "round__ritual__course")
    actor = round_.ritual.created_by or _an_instructor(round_.ritual.course)
    return [post for post in winners if feature(post=post, actor=actor, at=now, by_vote=True)]


def _an_instructor(course: Course):
    membership = (
        Membership.objects.filter(course=course, role=Role.INSTRUCTOR)
        .select_related("user")
        .order_by("joined_at")
        .first()
    )
    return membership.user if membership else None
