"""Taking part: joining a session (a course member, or a guest with the code), answering
the activity on screen (once each; a new answer replaces the old), and upvoting open
answers. A named activity's first answer from a member goes in the ledger; an anonymous
activity's answers record nothing that links them to anyone."""

import secrets

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone

from rapport.core.enums import Channel
from rapport.core.kinds import TouchpointKind
from rapport.core.models import Touchpoint
from rapport.core.refusals import Refused
from rapport.core.touchpoints import record
from rapport.courses.memberships import active_membership
from rapport.live import broadcast
from rapport.live.models import (
    ANSWER_MAX,
    GUEST_NAME_MAX,
    MOOD_VALUES,
    SCALE_VALUES,
    Activity,
    ActivityKind,
    Answer,
    LiveSession,
    Participant,
    Upvote,
)
from rapport.live.services.sessions import require_open
from rapport.live.services.words import blocked_words, normalise_word, refuse_blocked

CODE_REFUSED = "That code isn't open. Check it with your teacher."


def participant_for_member(*, session: LiveSession, user) -> Participant:
    """``user``'s place in ``session``, made the first time; only an active member of the
    session's course has one."""
    require_open(session)
    if active_membership(course=session.course, user=user) is None:
        raise Refused("This live session is for the course's members.", code="forbidden")
    participant = Participant.objects.filter(session=session, user=user).first()
    if participant is not None:
        return participant
    try:
        with transaction.atomic():
            return Participant.objects.create(session=session, user=user)
    except IntegrityError:  # their other tab joined at the same moment
        return Participant.objects.get(session=session, user=user)


@transaction.atomic
def guest_join(*, code: str, name: str) -> Participant:
    """A guest joins the open session whose code they typed, under a name they choose."""
    from rapport.live.selectors import session_by_code

    session = session_by_code(code)
    if session is None or not session.guests_allowed or not session.code_is_valid():
        raise Refused(CODE_REFUSED, field="code", code="code")
    name = " ".join((name or "").split())
    if not name:
        raise Refused("Tell the class what to call you.", field="name")
    if len(name) > GUEST_NAME_MAX:
        raise Refused(f"Keep your name under {GUEST_NAME_MAX} characters.", field="name")
    return Participant.objects.create(
        session=session, guest_name=name, guest_key=secrets.token_hex(16)
    )


def _value(activity: Activity, blocked: frozenset[str], value) -> tuple[str, int | None]:
    """``value`` checked for the activity's kind, as (text, number)."""
    kind = activity.kind
    if kind == ActivityKind.WORD:
        word = normalise_word(value)
        refuse_blocked(word, blocked)
        return word, None
    if kind == ActivityKind.POLL:
        if not isinstance(value, str) or value not in activity.choices:
            raise Refused("Choose one of the answers.", code="bad")
        return value, None
    if kind == ActivityKind.SCALE:
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if isinstance(value, bool) or value not in SCALE_VALUES:
            raise Refused("Choose a number from 1 to 5.", code="bad")
        return "", value
    if kind == ActivityKind.MOOD:
        if value not in MOOD_VALUES:
            raise Refused("Choose one of the faces.", code="bad")
        return value, None
    text = " ".join(value.split()) if isinstance(value, str) else ""
    if not text:
        raise Refused("Write your answer first.", code="bad")
    if len(text) > ANSWER_MAX:
        raise Refused(f"Keep it under {ANSWER_MAX} characters.", code="bad")
    refuse_blocked(text, blocked)
    return text, None


def _answerable(activity: Activity, participant: Participant) -> LiveSession:
    session = activity.session
    require_open(session)
    if participant.session_id != session.pk:
        raise Refused("You're not in this session.", code="forbidden")
    if session.current_activity_id != activity.pk:
        raise Refused("That one isn't on screen any more.", code="moved_on")
    if activity.locked:
        raise Refused("Answers are closed for this one.", code="locked")
    return session


def _record_taking_part(activity: Activity, participant: Participant) -> None:
    """Once per activity for a member of a named activity; never for an anonymous one."""
    if activity.anonymous or participant.user_id is None:
        return
    course = activity.session.course
    if active_membership(course=course, user=participant.user) is None:
        return
    already = Touchpoint.objects.filter(
        course=course,
        kind=TouchpointKind.LIVE_ANSWERED,
        actor_id=participant.user_id,
        object_type=ContentType.objects.get_for_model(Activity),
        object_id=str(activity.pk),
    ).exists()
    if not already:
        record(
            course=course,
            kind=TouchpointKind.LIVE_ANSWERED,
            actor=participant.user,
            channel=Channel.LIVE,
            target=activity,
        )


@transaction.atomic
def answer_give(*, activity: Activity, participant: Participant, value) -> Answer:
    """Answer the activity on screen, or change one's answer to it."""
    activity = Activity.objects.select_related("session__course").get(pk=activity.pk)
    session = _answerable(activity, participant)
    blocked = blocked_words(session.blocklist, activity.blocklist)
    text, number = _value(activity, blocked, value)
    respondent = activity.respondent_for(participant.pk)
    named = None if activity.anonymous else participant
    answer = Answer.objects.filter(activity=activity, respondent=respondent).first()
    if answer is None:
        try:
            with transaction.atomic():
                answer = Answer.objects.create(
                    activity=activity,
                    participant=named,
                    respondent=respondent,
                    text=text,
                    number=number,
                )
        except IntegrityError:  # the same person's other socket answered a moment ago
            answer = Answer.objects.get(activity=activity, respondent=respondent)
        else:
            _record_taking_part(activity, participant)
            broadcast.results_changed(session)
            return answer
    if (answer.text, answer.number) != (text, number):
        if answer.text != text:
            answer.upvotes.all().delete()  # votes were for what it said before
        answer.text, answer.number, answer.changed_at = text, number, timezone.now()
        answer.save(update_fields=["text", "number", "changed_at"])
        broadcast.results_changed(session)
    return answer


@transaction.atomic
def upvote_toggle(*, answer_id, participant: Participant) -> bool:
    """Upvote an open answer on screen, or take the upvote back; True when it now counts."""
    if not isinstance(answer_id, int) or isinstance(answer_id, bool):
        raise Refused("Say which answer.", code="bad")
    answer = (
        Answer.objects.select_related("activity__session")
        .filter(pk=answer_id, activity__session_id=participant.session_id)
        .first()
    )
    if answer is None:
        raise Refused("That answer isn't there any more.", code="gone")
    activity = answer.activity
    session = _answerable(activity, participant)
    if activity.kind != ActivityKind.OPEN:
        raise Refused("Only open answers take upvotes.", code="bad")
    if not activity.results_visible:
        raise Refused("The answers aren't showing yet.", code="hidden")
    voter = activity.respondent_for(participant.pk)
    if answer.respondent == voter:
        raise Refused("That's your own answer.", code="own")
    removed, _ = Upvote.objects.filter(answer=answer, voter=voter).delete()
    if not removed:
        try:
            with transaction.atomic():
                Upvote.objects.create(answer=answer, voter=voter)
        except IntegrityError:
            pass  # counted already, from their other socket
    broadcast.results_changed(session)
    return not removed
