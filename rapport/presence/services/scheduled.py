"""A check-in waiting for its release time: any of the course's staff may change its words,
move it, send it now or cancel it — until it is out."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from rapport.core.refusals import Refused
from rapport.courses.memberships import require_staff
from rapport.media.models import Audience
from rapport.media.services.lifecycle import media_delete
from rapport.presence.models import Message, MessageKind
from rapport.presence.recordings import media_share
from rapport.presence.services.common import has_words
from rapport.presence.services.messages import NOTHING_TO_SEND, RELEASE_GRACE, checkin_release

ALREADY_OUT = "This check-in has already gone out, so it can no longer be changed or cancelled."


def _scheduled(message: Message, actor) -> Message:
    """The check-in, locked, while it is still scheduled; refused otherwise."""
    require_staff(course=message.course, user=actor)
    locked = Message.objects.select_for_update().filter(pk=message.pk).first()
    if locked is None or locked.kind != MessageKind.CHECKIN or locked.released_at is not None:
        raise Refused(ALREADY_OUT)
    return locked


@transaction.atomic
def checkin_reschedule(
    *,
    message: Message,
    actor,
    title: str,
    body: str,
    release_at: datetime | None,
    now: datetime | None = None,
) -> Message:
    """New words and release time for a scheduled check-in; no time (or one that has come)
    sends it now."""
    now = now or timezone.now()
    locked = _scheduled(message, actor)
    title = (title or "").strip()
    if not title:
        raise Refused("Give your check-in a title, like “Week 3: wetlands”.", field="title")
    if not (has_words(body) or locked.media_id):
        raise Refused(NOTHING_TO_SEND, field="body")
    if release_at is not None and release_at < now - RELEASE_GRACE:
        raise Refused(
            "That release time has already passed. Choose a later time, or leave it empty "
            "to send the check-in now.",
            field="release_at",
        )
    locked.title = title[:160]
    locked.body = (body or "").strip()
    locked.release_at = release_at if release_at is not None and release_at > now else now
    locked.save(update_fields=["title", "body", "release_at"])
    if locked.media is not None:
        media_share(
            media=locked.media,
            owner=locked.author,
            course=locked.course,
            audience=Audience.COURSE,
            available_from=locked.release_at,
        )
    if locked.release_at <= now:
        checkin_release(message=locked, at=now)
    return locked


@transaction.atomic
def checkin_cancel(*, message: Message, actor) -> None:
    """Delete a check-in that has not gone out, and its recording with it."""
    locked = _scheduled(message, actor)
    media = locked.media
    locked.delete()
    if media is not None:
        media_delete(media=media)
