"""Tells the media app what a recording in a check-in, note, feedback or reply is for, so
its "ready" notification names it and stays quiet once the message has gone out."""

from rapport.media.uses import MediaUse

_WHAT = {"checkin": "check-in", "note": "personal note", "feedback": "feedback"}


def describe_presence_media(media) -> MediaUse | None:
    from rapport.presence.models import Message, Reply

    recording = "video" if media.is_video else "voice message"
    message = Message.objects.filter(media=media).first()
    if message is not None:
        return MediaUse(
            what=f"{_WHAT.get(message.kind, 'message')} {recording}",
            title=message.heading,
            sent=message.released_at is not None,
        )
    reply = Reply.objects.filter(media=media).select_related("message").first()
    if reply is not None:
        return MediaUse(what=f"reply {recording}", title=reply.message.heading, sent=True)
    return None
