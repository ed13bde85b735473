"""Weekly reflections: staff write a prompt, learners are told when it opens, each learner
answers privately (and may change their answer while it is open), staff reply privately."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from rapport.community.checkins.services.common import LEARNERS_ONLY, prompt_url
from rapport.community.models.checkins import (
    PROMPT_MAX_CHARS,
    REFLECTION_MAX_CHARS,
    REPLY_MAX_CHARS,
    PromptState,
    ReflectionAnswer,
    ReflectionPrompt,
    ReflectionReply,
)
from rapport.core import touchpoints
from rapport.core.enums import Channel
from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.models import Notification
from rapport.core.notifications import notify, unsent_emails_queue_again
from rapport.core.refusals import Refused
from rapport.courses.memberships import require_learner, require_staff
from rapport.courses.models import Course, Membership, MembershipStatus, Role


def _words(text: str | None, *, field: str, limit: int, empty: str, what: str) -> str:
    text = (text or "").strip()
    if not text:
        raise Refused(empty, field=field)
    if len(text) > limit:
        raise Refused(
            f"{what} is {len(text):,} characters long; please keep it to {limit:,} or fewer.",
            field=field,
        )
    return text


def _prompt_times(
    *, opens_at: datetime | None, closes_at: datetime | None, now: datetime
) -> tuple[datetime, datetime | None]:
    opens_at = opens_at or now
    if closes_at is not None:
        if closes_at <= opens_at:
            raise Refused("The closing time needs to be after the opening time.", field="closes_at")
        if closes_at <= now:
            raise Refused(
                "That closing time has already passed. Choose a later time, or leave it empty "
                "to keep the prompt open.",
                field="closes_at",
            )
    return opens_at, closes_at


# --- prompts --------------------------------------------------------------------------------


@transaction.atomic
def reflection_prompt_create(
    *,
    course: Course,
    author,
    text: str,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    now: datetime | None = None,
) -> ReflectionPrompt:
    """A new prompt. It opens at ``opens_at`` (now, when empty); learners are told then —
    at once, or by the hourly task for a prompt scheduled later."""
    require_staff(course=course, user=author)
    now = now or timezone.now()
    text = _words(
        text,
        field="text",
        limit=PROMPT_MAX_CHARS,
        empty="Write the question you'd like your learners to reflect on.",
        what="The prompt",
    )
    opens_at, closes_at = _prompt_times(opens_at=opens_at, closes_at=closes_at, now=now)
    prompt = ReflectionPrompt.objects.create(
        course=course,
        text=text,
        opens_at=opens_at,
        closes_at=closes_at,
        created_by=author,
        created_at=now,
    )
    if prompt.has_opened(now):
        reflection_prompt_announce(prompt=prompt, at=now)
    return prompt


@transaction.atomic
def reflection_prompt_update(
    *,
    prompt: ReflectionPrompt,
    editor,
    text: str,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    now: datetime | None = None,
) -> ReflectionPrompt:
    require_staff(course=prompt.course, user=editor)
    now = now or timezone.now()
    text = _words(
        text,
        field="text",
        limit=PROMPT_MAX_CHARS,
        empty="Write the question you'd like your learners to reflect on.",
        what="The prompt",
    )
    if prompt.announced_at is not None:
        # Learners were told it is open; moving it back into the future would hide answers.
        if opens_at is not None and opens_at > now:
            raise Refused(
                "Learners have already been told this prompt is open, so it can't be moved "
                "to a later opening time. You can close it instead.",
                field="opens_at",
            )
        opens_at = prompt.opens_at
    opens_at, closes_at = _prompt_times(opens_at=opens_at, closes_at=closes_at, now=now)
    prompt.text, prompt.opens_at, prompt.closes_at = text, opens_at, closes_at
    prompt.save(update_fields=["text", "opens_at", "closes_at"])
    if prompt.has_opened(now):
        reflection_prompt_announce(prompt=prompt, at=now)
    return prompt


@transaction.atomic
def reflection_prompt_announce(*, prompt: ReflectionPrompt, at: datetime | None = None) -> bool:
    """Mark a prompt as announced, once, and tell its learners from a task. Returns False
    when it was announced already (a second worker, a retry, an edit)."""
    at = at or timezone.now()
    updated = ReflectionPrompt.objects.filter(pk=prompt.pk, announced_at__isnull=True).update(
        announced_at=at
    )
    if not updated:
        return False
    prompt.announced_at = at
    prompt_id = prompt.pk
    transaction.on_commit(lambda: _enqueue_fan_out(prompt_id))
    return True


def _enqueue_fan_out(prompt_id: int) -> None:
    from rapport.community.checkins.tasks import reflection_prompt_notify_learners

    reflection_prompt_notify_learners(prompt_id)


def reflection_prompts_announce_due(*, now: datetime | None = None) -> int:
    """Announce every prompt whose opening time has come. Run hourly; prompts that already
    closed again are marked but nobody is told about them."""
    now = now or timezone.now()
    due = ReflectionPrompt.objects.filter(announced_at__isnull=True, opens_at__lte=now)
    return sum(
        reflection_prompt_announce(prompt=prompt, at=now) for prompt in due.select_related("course")
    )


def reflection_prompt_fan_out(*, prompt_id: int, now: datetime | None = None) -> int:
    """Tell every active learner of the course that a prompt is open; safe to run twice."""
    now = now or timezone.now()
    prompt = (
        ReflectionPrompt.objects.filter(pk=prompt_id, announced_at__isnull=False)
        .select_related("course")
        .first()
    )
    if prompt is None or prompt.state(now) != PromptState.OPEN:
        return 0
    url = prompt_url(prompt)
    told_before = Notification.objects.filter(
        kind=NotificationKind.PROMPT_OPEN, course=prompt.course, url=url
    )
    unsent_emails_queue_again(told_before)
    already = told_before.values("recipient_id")
    learners = (
        Membership.objects.filter(
            course=prompt.course, role=Role.LEARNER, status=MembershipStatus.ACTIVE
        )
        .exclude(user_id__in=already)
        .select_related("user")
    )
    title = "A new reflection is open: " + prompt.text.splitlines()[0][:120]
    closes = ""
    if prompt.closes_at:
        local = timezone.localtime(prompt.closes_at, prompt.course.zone())
        closes = f" It's open until {date_format(local, 'l j F')}."
    told = 0
    for membership in learners.iterator(chunk_size=200):
        told += bool(
            notify(
                recipient=membership.user,
                kind=NotificationKind.PROMPT_OPEN,
                title=title,
                body="Only you and your teachers will see what you write." + closes,
                url=url,
                course=prompt.course,
            )
        )
    return told


# --- answers and replies --------------------------------------------------------------------


def _answerable(prompt: ReflectionPrompt, now: datetime) -> None:
    state = prompt.state(now)
    if state == PromptState.SCHEDULED:
        raise Refused("This reflection isn't open yet.")
    if state == PromptState.CLOSED:
        local = timezone.localtime(prompt.closes_at, prompt.course.zone())
        raise Refused(
            f"This reflection closed on {date_format(local, 'l j F')}, so answers can't be "
            "added or changed any more."
        )


@transaction.atomic
def reflection_answer_save(
    *, prompt: ReflectionPrompt, learner, text: str, now: datetime | None = None
) -> tuple[ReflectionAnswer, bool]:
    """Write or rewrite the learner's answer while the prompt is open. Returns the answer
    and whether it is new; the ledger hears of the first version only."""
    now = now or timezone.now()
    require_learner(course=prompt.course, user=learner, refusal=LEARNERS_ONLY)
    text = _words(
        text,
        field="text",
        limit=REFLECTION_MAX_CHARS,
        empty="Write a few words before saving — even one sentence is plenty.",
        what="Your reflection",
    )
    _answerable(prompt, now)
    answer = (
        ReflectionAnswer.objects.select_for_update().filter(prompt=prompt, learner=learner).first()
    )
    if answer is not None:
        answer.text, answer.updated_at = text, now
        answer.save(update_fields=["text", "updated_at"])
        return answer, False
    answer = ReflectionAnswer.objects.create(
        prompt=prompt, learner=learner, text=text, created_at=now, updated_at=now
    )
    touchpoints.record(
        course=prompt.course,
        kind=TouchpointKind.REFLECTION,
        actor=learner,
        subject=learner,
        channel=Channel.TEXT,
        target=answer,
        occurred_at=now,
    )
    return answer, True


@transaction.atomic
def reflection_reply_add(
    *, answer: ReflectionAnswer, author, text: str, now: datetime | None = None
) -> ReflectionReply:
    """A private note from staff under a learner's answer; the learner is told."""
    now = now or timezone.now()
    prompt = answer.prompt
    require_staff(course=prompt.course, user=author)
    text = _words(
        text,
        field="text",
        limit=REPLY_MAX_CHARS,
        empty="Write your reply first.",
        what="Your reply",
    )
    reply = ReflectionReply.objects.create(answer=answer, author=author, text=text, created_at=now)
    # A reply is a human touch the radar should see: recorded as the reply kind presence
    # uses for conversations (staff -> learner), not a new kind.
    touchpoints.record(
        course=prompt.course,
        kind=TouchpointKind.MESSAGE_REPLY,
        actor=author,
        subject=answer.learner,
        channel=Channel.TEXT,
        target=reply,
        occurred_at=now,
    )
    notify(
        recipient=answer.learner,
        kind=NotificationKind.MESSAGE_REPLY,
        title=f"{author.display_name} replied to your reflection",
        body="Only you and your teachers can see it.",
        url=prompt_url(prompt) + f"#reply-{reply.pk}",
        course=prompt.course,
        actor=author,
    )
    return reply
