"""Taking part: joining a session (a course member, or a guest with the code), the checks
every answer passes (``answerable``, ``checked_value``; answers are given in
``services.answering``), and upvoting open answers."""

import secrets

from django.db import IntegrityError, transaction

from rapport.core.refusals import Refused
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
from rapport.live.services.words import normalise_word, refuse_blocked

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


def checked_value(activity: Activity, blocked: frozenset[str], value) -> tuple[str, int | None]:
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


def answerable(activity: Activity, participant: Participant) -> LiveSession:
    """The activity's session, once ``participant`` may answer ``activity`` now."""
    session = activity.session
    require_open(session)
    if participant.session_id != session.pk:
        raise Refused("You're not in this session.", code="forbidden")
    if session.current_activity_id != activity.pk:
        raise Refused("That one isn't on screen any more.", code="moved_on")
    if activity.locked:
        raise Refused("Answers are closed for this one.", code="locked")
    return session


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
    session = answerable(activity, participant)
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
