"""Voice clips for the demo, taken through the media pipeline and dated as if recorded at
``at``: a generated tone captioned with the words it stands for, or a person reading a
line aloud, captioned from a speech draft its author checked, corrected and accepted."""

from datetime import datetime
from pathlib import Path

from django.core.files import File

from rapport.core.kinds import NotificationKind
from rapport.core.models import Notification
from rapport.demo.seeders.presence.seeder import demo_captions
from rapport.media import samples, vtt
from rapport.media import services as media_services

SECONDS = 2
# A LibriVox reader (public domain), from pocketsphinx's test data: see
# rapport/media/captions/tests/files/README.md.
READING = Path(__file__).parents[1] / "media" / "reading.ogg"
READING_LINE = "“He might even have been made amiable himself.”"


def demo_voice_clip(
    *, course, owner, words: str, tone_hz: float, at: datetime, folder: Path, started: datetime
):
    """``owner``'s processed voice clip in ``course``; the "it's ready" notification it
    caused (since ``started``) is dated and read as of ``at``."""
    path = samples.make_audio(folder / "clip.webm", seconds=SECONDS, tone_hz=tone_hz)
    media = _processed(course, owner, path)
    media_services.caption_save(
        media=media,
        editor=owner,
        language="en",
        label="English",
        text=demo_captions(words, seconds=SECONDS),
    )
    return _dated(media, owner, at=at, started=started)


def demo_reading_clip(*, course, owner, at: datetime, started: datetime):
    """``owner`` reading a line aloud, captioned as its author would: a speech draft asked
    for on the captions page, its words corrected (the reader's line, in one caption over
    the times the draft heard) and accepted."""
    media = _processed(course, owner, READING)
    timing = media_services.caption_draft_request(media=media, author=owner)
    media_services.caption_timing_run(timing_id=timing.pk)
    draft = media_services.caption_draft_for(media)
    heard = vtt.parse(draft.draft)
    corrected = vtt.Cue(start=heard[0].start, end=heard[-1].end, text=READING_LINE)
    media_services.caption_draft_accept(media=media, author=owner, text=vtt.render([corrected]))
    return _dated(media, owner, at=at, started=started)


def _processed(course, owner, path: Path):
    with path.open("rb") as handle:
        media = media_services.media_create_from_upload(
            course=course, owner=owner, upload=File(handle, name=path.name)
        )
    media_services.media_process(media_id=media.pk)
    media.refresh_from_db()
    return media


def _dated(media, owner, *, at: datetime, started: datetime):
    type(media).objects.filter(pk=media.pk).update(created_at=at, processed_at=at)
    Notification.objects.filter(
        recipient=owner, kind=NotificationKind.MEDIA_PROCESSED, created_at__gte=started
    ).update(created_at=at, read_at=at, emailed_at=at)
    media.refresh_from_db()
    return media
