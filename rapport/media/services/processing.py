"""The background half of a recording's life: measure it, make a poster and a file every
browser plays (H.264 + AAC in MP4, or AAC in M4A for voice), then tell the owner.

Runs in the task queue (``rapport.media.tasks.media_process``), never in a request. The
conversion happens in a temporary folder outside any database transaction; only the final
bookkeeping is transactional. The original is always kept.
"""

import contextlib
import logging
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from rapport.core.kinds import NotificationKind
from rapport.core.notifications import notify
from rapport.core.realtime import send_to_user_on_commit
from rapport.media import limits, pipeline
from rapport.media.models import MediaItem, MediaKind, MediaStatus
from rapport.media.uses import describe_media_use

logger = logging.getLogger(__name__)

COULD_NOT_PROCESS = (
    "We couldn't read this recording — it may be damaged or cut short. Try recording "
    "again, or upload a different file."
)
COPY_CHUNK = 1024 * 1024


class ProcessingFailed(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Converted:
    playback: Path
    poster: Path | None
    duration: float
    width: int | None
    height: int | None


def media_process(*, media_id: int) -> MediaItem | None:
    """Process one recording that is still PROCESSING; anything else is left alone, so a
    task that runs twice does no harm."""
    item = MediaItem.objects.filter(pk=media_id).first()
    if item is None or item.status != MediaStatus.PROCESSING:
        return item
    saved: list[str] = []
    with tempfile.TemporaryDirectory(prefix="rapport-media-") as workdir:
        try:
            converted = _convert(item, Path(workdir))
            return _finish(item, converted, saved)
        except ProcessingFailed as failure:
            reason = failure.reason
        except pipeline.TooLong as error:
            reason = limits.too_long_message(error.seconds)
        except pipeline.Unreadable:
            reason = COULD_NOT_PROCESS
        except Exception:
            logger.exception("Processing media item %s failed", media_id)
            reason = COULD_NOT_PROCESS
    _delete_files(item, saved)
    return _fail(item, reason)


def _convert(item: MediaItem, workdir: Path) -> Converted:
    with _local_copy(item.original, workdir) as source:
        duration = pipeline.measure_duration(source)
        if limits.is_too_long(duration):
            raise ProcessingFailed(limits.too_long_message(duration))
        audio_only = item.kind == MediaKind.AUDIO
        playback = workdir / ("playback.m4a" if audio_only else "playback.mp4")
        poster = None
        width = height = None
        if not audio_only:
            picture = pipeline.first_picture(source)
            if picture is None:
                raise pipeline.Unreadable()
            poster = workdir / "poster.jpg"
            pipeline.write_poster(picture, poster)
            width, height = picture.width, picture.height
        if pipeline.can_pass_through(source):
            pipeline.remux(source, playback, audio_only=audio_only)
        else:
            size = pipeline.transcode(
                source, playback, audio_only=audio_only, max_seconds=settings.MEDIA_MAX_SECONDS
            )
            if size is not None:
                width, height = size
        # The new file's header is the truth now (and is what a browser's WebM lacked).
        duration = pipeline.measure_duration(playback)
    return Converted(playback, poster, duration, width, height)


@contextlib.contextmanager
def _local_copy(field, workdir: Path):
    """A path on this machine to the stored file: the file itself on a filesystem storage,
    else a copy made chunk by chunk (S3)."""
    try:
        path = field.storage.path(field.name)
    except NotImplementedError:
        path = None
    if path is not None:
        yield Path(path)
        return
    local = workdir / ("source" + Path(field.name).suffix)
    with field.storage.open(field.name, "rb") as remote, open(local, "wb") as out:
        shutil.copyfileobj(remote, out, COPY_CHUNK)
    yield local


def _finish(item: MediaItem, converted: Converted, saved: list[str]) -> MediaItem:
    with transaction.atomic():
        current = MediaItem.objects.select_for_update().filter(pk=item.pk).first()
        if current is None or current.status != MediaStatus.PROCESSING:
            return current  # deleted or handled meanwhile: nothing to store
        with open(converted.playback, "rb") as handle:
            current.playback.save(converted.playback.name, File(handle), save=False)
        saved.append(current.playback.name)
        if converted.poster is not None:
            with open(converted.poster, "rb") as handle:
                current.poster.save(converted.poster.name, File(handle), save=False)
            saved.append(current.poster.name)
        current.duration_seconds = round(converted.duration, 3)
        current.width, current.height = converted.width, converted.height
        current.status = MediaStatus.READY
        current.failure_reason = ""
        current.processed_at = timezone.now()
        current.save(
            update_fields=[
                "playback",
                "poster",
                "duration_seconds",
                "width",
                "height",
                "status",
                "failure_reason",
                "processed_at",
            ]
        )
        _tell_owner(current)
    return current


def _fail(item: MediaItem, reason: str) -> MediaItem | None:
    with transaction.atomic():
        changed = MediaItem.objects.filter(pk=item.pk, status=MediaStatus.PROCESSING).update(
            status=MediaStatus.FAILED,
            failure_reason=reason[:300],
            processed_at=timezone.now(),
            playback="",
            poster="",
        )
        current = MediaItem.objects.filter(pk=item.pk).first()
        if changed and current is not None:
            _tell_owner(current)
    return current


def _delete_files(item: MediaItem, names: list[str]) -> None:
    storage = item.original.storage
    for name in names:
        with contextlib.suppress(OSError):
            storage.delete(name)


def _tell_owner(item: MediaItem) -> None:
    """Tell the owner a recording is ready only while they are still waiting for it — not
    after it went out in a message — and say which one; a failure is always told."""
    ready = item.status == MediaStatus.READY
    use = describe_media_use(item)
    send_to_user_on_commit(
        item.owner_id, {"type": "media.status", "id": str(item.public_id), "status": item.status}
    )
    if ready and use is not None and use.sent:
        return
    name = use.name if use is not None else _unused_name(item)
    if ready:
        title = f"Your {name} is ready"
        body = (
            "It's attached and will go out as planned."
            if use is not None
            else "You haven't sent it yet: it's waiting where you recorded it."
        )
    else:
        title = f"We couldn't process your {name}"
        body = item.failure_reason
    notify(
        recipient=item.owner,
        kind=NotificationKind.MEDIA_PROCESSED,
        title=title,
        body=body,
        url=reverse("media:status", args=[item.course.slug, item.public_id]),
        course=item.course,
    )


def _unused_name(item: MediaItem) -> str:
    """A recording nothing uses yet: its kind and, for an uploaded file, the file's name
    (a browser recording's generated name would mean nothing to its owner)."""
    kind = "video" if item.is_video else "voice recording"
    uploaded = item.original_name and not item.original_name.startswith("recording-")
    return f"{kind} “{item.original_name}”" if uploaded else kind
