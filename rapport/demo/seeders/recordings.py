"""Voice clips for the demo: a generated tone taken through the media pipeline, captioned
with the words it stands for, dated as if recorded at ``at``."""

from datetime import datetime
from pathlib import Path

from django.core.files import File

from rapport.core.kinds import NotificationKind
from rapport.core.models import Notification
from rapport.demo.seeders.presence.seeder import demo_captions
from rapport.media import samples
from rapport.media import services as media_services

SECONDS = 2


def demo_voice_clip(
    *, course, owner, words: str, tone_hz: float, at: datetime, folder: Path, started: datetime
):
    """``owner``'s processed voice clip in ``course``; the "it's ready" notification it
    caused (since ``started``) is dated and read as of ``at``."""
    path = samples.make_audio(folder / "clip.webm", seconds=SECONDS, tone_hz=tone_hz)
    with path.open("rb") as handle:
        media = media_services.media_create_from_upload(
            course=course, owner=owner, upload=File(handle, name=path.name)
        )
    media_services.media_process(media_id=media.pk)
    media_services.caption_save(
        media=media,
        editor=owner,
        language="en",
        label="English",
        text=demo_captions(words, seconds=SECONDS),
    )
    type(media).objects.filter(pk=media.pk).update(created_at=at, processed_at=at)
    Notification.objects.filter(
        recipient=owner, kind=NotificationKind.MEDIA_PROCESSED, created_at__gte=started
    ).update(created_at=at, read_at=at, emailed_at=at)
    media.refresh_from_db()
    return media
