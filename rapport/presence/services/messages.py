"""Staff sending: course check-ins (now or scheduled), personal notes and feedback.

Each records its touchpoint and tells the learner(s). A check-in's notifications go out
from a task, because a course may have hundreds of learners."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from rapport.core import touchpoints
from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.notifications import notify
from rapport.core.refusals import Refused
from rapport.courses.announcements import tell_learners_once
from rapport.courses.memberships import require_learner, require_staff
from rapport.courses.models import Course
from rapport.media.models import Audience
from rapport.presence.help_requests import help_requests_answer
from rapport.presence.models import Format, Message, MessageKind, Tone, http_url
from rapport.presence.placeholders import placeholder_values, render_placeholders
from rapport.presence.recordings import media_share, media_take
from rapport.presence.services.common import has_words, message_url

# A release time a few minutes in the past is a slow hand, not a mistake: send it now.
RELEASE_GRACE = timedelta(minutes=5)

NOTHING_TO_SEND = "Write a message, or record or upload a video or voice message."


def _has_media(media_id, upload) -> bool:
    return bool(media_id or upload)


@transaction.atomic
def checkin_post(
    *,
    course: Course,
    author,
    title: str,
    body: str = "",
    media_id=None,
    upload=None,
    release_at: datetime | None = None,
    now: datetime | None = None,
) -> Message:
    """Post a check-in to the whole course: released at once, or at ``release_at``."""
    require_staff(course=course, user=author)
    now = now or timezone.now()
    title = (title or "").strip()
    if not title:
        raise Refused("Give your check-in a title, like “Week 3: wetlands”.")
    if not (has_words(body) or _has_media(media_id, upload)):
        raise Refused(NOTHING_TO_SEND)
    if release_at is not None and release_at < now - RELEASE_GRACE:
        raise Refused(
            "That release time has already passed. Choose a later time, or leave it empty "
            "to send the check-in now."
        )
    scheduled = release_at is not None and release_at > now
    media = media_take(course=course, owner=author, media_id=media_id, upload=upload)
    message = Message.objects.create(
        course=course,
        author=author,
        kind=MessageKind.CHECKIN,
        format=Format.of(media),
        title=title[:160],
        body=(body or "").strip(),
        media=media,
        release_at=release_at if scheduled else now,
        created_at=now,
    )
    if media is not None:
        media_share(
            media=media,
            owner=author,
            course=course,
            audience=Audience.COURSE,
            available_from=message.release_at,
        )
    if not scheduled:
        checkin_release(message=message, at=now)
    return message


@transaction.atomic
def checkin_release(*, message: Message, at: datetime | None = None) -> bool:
    """Release one check-in, once: the ledger hears of it now and learners are told from a
    task. Returns False when it was already released (a second worker, a retry)."""
    at = at or timezone.now()
    released = Message.objects.filter(
        pk=message.pk, kind=MessageKind.CHECKIN, released_at__isnull=True
    ).update(released_at=at)
    if not released:
        return False
    message.released_at = at
    touchpoints.record(
        course=message.course,
        kind=TouchpointKind.CHECKIN_POSTED,
        actor=message.author,
        channel=message.channel,
        target=message,
        occurred_at=at,
    )
    message_id = message.pk
    transaction.on_commit(lambda: _enqueue_fan_out(message_id))
    return True


def _enqueue_fan_out(message_id: int) -> None:
    from rapport.presence.tasks import checkin_notify_learners

    checkin_notify_learners(message_id)


def checkins_release_due(*, now: datetime | None = None) -> int:
    """Release every scheduled check-in whose time has come. Run every minute."""
    now = now or timezone.now()
    due = Message.objects.filter(
        kind=MessageKind.CHECKIN, released_at__isnull=True, release_at__lte=now
    ).select_related("course", "author")
    return sum(checkin_release(message=message, at=now) for message in due)


def checkin_fan_out(*, message_id: int) -> int:
    """Tell every active learner about a released check-in; safe to run twice."""
    message = (
        Message.objects.filter(pk=message_id, released_at__isnull=False)
        .select_related("course", "author")
        .first()
    )
    if message is None:
        return 0
    return tell_learners_once(
        course=message.course,
        kind=NotificationKind.CHECKIN_RELEASED,
        url=message_url(message),
        title=f"A new check-in from {message.author.display_name}: {message.heading}",
        actor=message.author,
    )


@transaction.atomic
def note_send(
    *,
    course: Course,
    author,
    recipient,
    tone: str,
    body: str = "",
    media_id=None,
    upload=None,
    answer_help_requests: bool = False,
    now: datetime | None = None,
) -> Message:
    """A personal note to one learner. ``{placeholders}`` in the body are filled in for
    them. With ``answer_help_requests`` their open "I could use some help" requests are
    closed as followed up by the author, in the same transaction as the note."""
    require_staff(course=course, user=author)
    require_learner(course=course, user=recipient)
    if tone not in Tone.values:
        raise Refused("Choose what kind of note this is.")
    if not (has_words(body) or _has_media(media_id, upload)):
        raise Refused(NOTHING_TO_SEND)
    message = _personal_create(
        course=course,
        author=author,
        recipient=recipient,
        fields={"kind": MessageKind.NOTE, "tone": tone, "body": body},
        media_id=media_id,
        upload=upload,
        now=now,
    )
    touchpoints.record(
        course=course,
        kind=TouchpointKind.PERSONAL_MESSAGE,
        actor=author,
        subject=recipient,
        channel=message.channel,
        target=message,
        occurred_at=message.released_at,
    )
    notify(
        recipient=recipient,
        kind=NotificationKind.PERSONAL_MESSAGE,
        title=f"{author.display_name} sent you a note: {message.heading}",
        url=message_url(message),
        course=course,
        actor=author,
    )
    if answer_help_requests:
        help_requests_answer(
            course=course, learner=recipient, staff=author, now=message.released_at
        )
    return message


@transaction.atomic
def feedback_give(
    *,
    course: Course,
    author,
    recipient,
    assignment_title: str = "",
    assignment_url: str = "",
    body: str = "",
    went_well: str = "",
    next_step: str = "",
    media_id=None,
    upload=None,
    now: datetime | None = None,
) -> Message:
    """Feedback to one learner on a piece of their work, named by a title or a link."""
    require_staff(course=course, user=author)
    require_learner(course=course, user=recipient)
    assignment_title = (assignment_title or "").strip()
    assignment_url = (assignment_url or "").strip()
    if not (assignment_title or assignment_url):
        raise Refused("Say which piece of work this is about: give its title or paste its link.")
    if assignment_url:
        try:
            http_url(assignment_url)
        except ValidationError:
            raise Refused(
                "The link to the work should be a web address that starts with http:// or https://."
            ) from None
    if not (has_words(body) or has_words(went_well) or has_words(next_step)) and not _has_media(
        media_id, upload
    ):
        raise Refused("Write your feedback, or record or upload a video or voice message.")
    message = _personal_create(
        course=course,
        author=author,
        recipient=recipient,
        fields={
            "kind": MessageKind.FEEDBACK,
            "body": body,
            "assignment_title": assignment_title[:200],
            "assignment_url": assignment_url[:500],
            "went_well": (went_well or "").strip(),
            "next_step": (next_step or "").strip(),
        },
        media_id=media_id,
        upload=upload,
        now=now,
    )
    touchpoints.record(
        course=course,
        kind=TouchpointKind.FEEDBACK_GIVEN,
        actor=author,
        subject=recipient,
        channel=message.channel,
        target=message,
        occurred_at=message.released_at,
    )
    notify(
        recipient=recipient,
        kind=NotificationKind.FEEDBACK,
        title=f"{author.display_name} gave you feedback on "
        f"{message.assignment_title or 'your work'}",
        url=message_url(message),
        course=course,
        actor=author,
    )
    return message


def _personal_create(*, course, author, recipient, fields: dict, media_id, upload, now) -> Message:
    now = now or timezone.now()
    values = placeholder_values(learner=recipient, course=course)
    fields["body"] = render_placeholders((fields.get("body") or "").strip(), values)
    media = media_take(course=course, owner=author, media_id=media_id, upload=upload)
    message = Message.objects.create(
        course=course,
        author=author,
        recipient=recipient,
        format=Format.of(media),
        media=media,
        release_at=now,
        released_at=now,
        created_at=now,
        **fields,
    )
    if media is not None:
        # STAFF rather than PRIVATE: a note is visible to the whole teaching team (see
        # presence.selectors), and audience_user lets its learner play it.
        media_share(
            media=media,
            owner=author,
            course=course,
            audience=Audience.STAFF,
            audience_user=recipient,
        )
    return message
