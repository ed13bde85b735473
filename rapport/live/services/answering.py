"""Answering the activity on screen, in batches: the sockets of a process hand their
answers over together (``rapport.live.batching``) and they are written in one
transaction with a fixed number of queries, whatever the batch's size. A single answer
(a page, a test) is a batch of one.

Each answer is checked as it always was (the session open, the participant in it, the
activity on screen and not locked, the value right for its kind and not blocked); within a
batch, the same respondent's last answer counts. A named activity's first answer from a
course member goes in the ledger once; an anonymous activity's answers record nothing that
links them to anyone."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone

from rapport.core.enums import Channel
from rapport.core.kinds import TouchpointKind
from rapport.core.refusals import Refused
from rapport.core.touchpoints import record_many, recorded_by
from rapport.courses.models import Membership, MembershipStatus
from rapport.live import broadcast
from rapport.live.models import Activity, Answer, Participant, Upvote
from rapport.live.services.answers import answerable, checked_value
from rapport.live.services.words import blocked_words

GONE = "That activity isn't in this session."
FAILED = "That didn't work. Try again."


@dataclass(frozen=True)
class AnswerItem:
    """One answer to give: ``value`` for the activity ``activity_id`` from ``participant``.
    With ``session_id`` (a socket's session) an activity of another session is "gone"."""

    activity_id: int
    participant: Participant
    value: object
    session_id: int | None = None


@dataclass
class _Wanted:
    activity: Activity
    participant: Participant
    respondent: str
    text: str
    number: int | None
    indexes: list[int]


def answers_give_many(items: Iterable[AnswerItem]) -> list[Answer | Refused]:
    """Give every answer of ``items``; for each, in order, its answer as saved or why it
    was refused. One transaction; should it fail as a whole (another process wrote the
    same respondent's answer at the same moment), each answer is given on its own."""
    items = list(items)
    if not items:
        return []
    try:
        with transaction.atomic():
            return _give(items)
    except (IntegrityError, OperationalError):
        return [_give_alone_again(item) for item in items]


def answer_give(*, activity: Activity, participant: Participant, value) -> Answer:
    """Answer the activity on screen, or change one's answer to it."""
    (given,) = answers_give_many([AnswerItem(activity.pk, participant, value)])
    if isinstance(given, Refused):
        raise given
    return given


def _give_alone_again(item: AnswerItem) -> Answer | Refused:
    # Once more: the row that collided is there now, so this answer changes it.
    try:
        with transaction.atomic():
            return _give([item])[0]
    except (IntegrityError, OperationalError):
        return Refused(FAILED, code="failed")


def _activities(items: list[AnswerItem]) -> dict[int, Activity]:
    ids = {item.activity_id for item in items}
    return Activity.objects.select_related("session__course").in_bulk(ids)


def _checked(item: AnswerItem, activities: dict, blocked: dict) -> tuple[Activity, str, int | None]:
    activity = activities.get(item.activity_id)
    if activity is None or item.session_id not in (None, activity.session_id):
        raise Refused(GONE, code="gone")
    session = answerable(activity, item.participant)
    if activity.pk not in blocked:
        blocked[activity.pk] = blocked_words(session.blocklist, activity.blocklist)
    text, number = checked_value(activity, blocked[activity.pk], item.value)
    return activity, text, number


def _give(items: list[AnswerItem]) -> list[Answer | Refused]:
    activities = _activities(items)
    outcomes: list[Answer | Refused | None] = [None] * len(items)
    wanted: dict[tuple[int, str], _Wanted] = {}
    blocked: dict[int, frozenset[str]] = {}
    for index, item in enumerate(items):
        try:
            activity, text, number = _checked(item, activities, blocked)
        except Refused as refusal:
            outcomes[index] = refusal
            continue
        respondent = activity.respondent_for(item.participant.pk)
        earlier = wanted.get((activity.pk, respondent))
        indexes = [*earlier.indexes, index] if earlier else [index]
        wanted[activity.pk, respondent] = _Wanted(
            activity, item.participant, respondent, text, number, indexes
        )
    if wanted:
        _save(wanted, outcomes)
    return outcomes


def _save(wanted: dict[tuple[int, str], _Wanted], outcomes: list) -> None:
    existing = {
        (answer.activity_id, answer.respondent): answer
        for answer in Answer.objects.filter(
            activity_id__in={key[0] for key in wanted},
            respondent__in={key[1] for key in wanted},
        )
    }
    now = timezone.now()
    new, changed, said_otherwise, touched = [], [], [], {}
    for key, want in wanted.items():
        answer = existing.get(key)
        if answer is None:
            answer = Answer(
                activity=want.activity,
                participant=None if want.activity.anonymous else want.participant,
                respondent=want.respondent,
                text=want.text,
                number=want.number,
                changed_at=now,
            )
            new.append((answer, want))
            touched[want.activity.session_id] = want.activity.session
        else:
            answer.activity = want.activity
            if (answer.text, answer.number) != (want.text, want.number):
                if answer.text != want.text:
                    said_otherwise.append(answer.pk)  # its votes were for what it said before
                answer.text, answer.number, answer.changed_at = want.text, want.number, now
                changed.append(answer)
                touched[want.activity.session_id] = want.activity.session
        for index in want.indexes:
            outcomes[index] = answer
    if new:
        Answer.objects.bulk_create([answer for answer, _ in new])
        _record_taking_part([want for _, want in new], now)
    if said_otherwise:
        Upvote.objects.filter(answer_id__in=said_otherwise).delete()
    if changed:
        Answer.objects.bulk_update(changed, ["text", "number", "changed_at"])
    for session in touched.values():
        broadcast.results_changed(session)


def _record_taking_part(first_answers: list[_Wanted], now) -> None:
    """LIVE_ANSWERED once per named activity per course member; never for an anonymous
    activity, nor for a guest."""
    named = [
        want
        for want in first_answers
        if not want.activity.anonymous and want.participant.user_id is not None
    ]
    if not named:
        return
    users = {want.participant.user_id for want in named}
    members = {
        (membership.course_id, membership.user_id): membership.user
        for membership in Membership.objects.filter(
            course_id__in={want.activity.session.course_id for want in named},
            user_id__in=users,
            status=MembershipStatus.ACTIVE,
        ).select_related("user")
    }
    recorded = recorded_by(
        kind=TouchpointKind.LIVE_ANSWERED,
        targets={want.activity.pk: want.activity for want in named}.values(),
        actor_ids=users,
    )
    moments = []
    for want in named:
        course = want.activity.session.course
        user = members.get((course.pk, want.participant.user_id))
        if user is None or (str(want.activity.pk), user.pk) in recorded:
            continue
        recorded.add((str(want.activity.pk), user.pk))
        moments.append(
            {
                "course": course,
                "kind": TouchpointKind.LIVE_ANSWERED,
                "actor": user,
                "channel": Channel.LIVE,
                "target": want.activity,
                "occurred_at": now,
            }
        )
    record_many(moments)
