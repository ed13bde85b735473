"""How presence uses the media app: turning a form's ``media_id`` (from the recorder) or
``media_file`` (the plain file-input fallback) into a ``MediaItem``, and sharing it with
the right people once it belongs to a message or reply. The one place that calls the
media app's services, so their refusals become presence's."""

import uuid

from rapport.core.refusals import Refused
from rapport.media import services as media_services
from rapport.media.models import MediaItem, MediaStatus
from rapport.media.selectors import media_owned_by


def media_take(*, course, owner, media_id: uuid.UUID | str | None = None, upload=None):
    """The recording ``owner`` made for this message, or None when there is none.

    A recorder upload (``media_id``) wins over a fallback file. Refuses an id that is not
    the owner's media in this course, a recording that failed processing, and one already
    used by another message or reply (attaching it again would change who may see it)."""
    if media_id:
        media = media_owned_by(owner=owner, course=course, media_id=media_id)
        if media is None:
            raise Refused(
                "We couldn't find that recording. Please record or upload it again.",
                field="media_id",
            )
        if media.status == MediaStatus.FAILED:
            raise Refused(
                "That recording couldn't be processed"
                + (f" ({media.failure_reason})" if media.failure_reason else "")
                + ". Please record or upload it again.",
                field="media_id",
            )
        if _already_used(media):
            raise Refused(
                "That recording is already part of another message. Please record a new one.",
                field="media_id",
            )
        return media
    if upload:
        try:
            return media_services.media_create_from_upload(
                course=course, owner=owner, upload=upload
            )
        except Refused as refusal:
            raise Refused(_refusal_text(refusal), field="media_file") from None
    return None


def media_share(*, media, owner, course, audience, audience_user=None, available_from=None):
    try:
        media_services.media_attach(
            media=media,
            owner=owner,
            course=course,
            audience=audience,
            audience_user=audience_user,
            available_from=available_from,
        )
    except Refused as refusal:
        raise Refused(_refusal_text(refusal), field="media_id") from None


def _already_used(media: MediaItem) -> bool:
    from rapport.presence.models import Message, Reply

    return (
        Message.objects.filter(media=media).exists() or Reply.objects.filter(media=media).exists()
    )


def _refusal_text(refusal: Exception) -> str:
    return getattr(refusal, "message", None) or str(refusal) or "That recording can't be used."
