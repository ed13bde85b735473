"""Test helpers for any app that shows recordings (presence, the role matrix): a ready
MediaItem with small real files, made without running the pipeline."""

import functools
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone

from rapport.media import samples
from rapport.media.models import (
    Audience,
    Caption,
    CaptionSource,
    CaptionTiming,
    CaptionTimingStatus,
    MediaItem,
    MediaKind,
    MediaStatus,
)


@functools.cache
def _clip(kind: str) -> tuple[bytes, bytes]:
    """(playback bytes, poster bytes) for a 1 s, 160×120 clip, made once per process."""
    with tempfile.TemporaryDirectory() as folder:
        if kind == MediaKind.VIDEO:
            path = samples.make_video(
                Path(folder) / "clip.mp4", seconds=1, size=(160, 120), container="mp4"
            )
        else:
            path = samples.make_audio(Path(folder) / "clip.m4a", seconds=1, container="m4a")
        from rapport.media import pipeline

        poster = b""
        if kind == MediaKind.VIDEO:
            pipeline.write_poster(pipeline.first_picture(path), Path(folder) / "poster.jpg")
            poster = (Path(folder) / "poster.jpg").read_bytes()
        return path.read_bytes(), poster


def media_item_ready(
    *,
    course,
    owner,
    kind: str = MediaKind.VIDEO,
    audience: str = Audience.PRIVATE,
    audience_user=None,
    available_from=None,
    playback: bytes | None = None,
) -> MediaItem:
    """A processed recording: original, playback (and poster for video) in storage."""
    clip, poster = _clip(kind)
    playback = clip if playback is None else playback
    video = kind == MediaKind.VIDEO
    item = MediaItem(
        course=course,
        owner=owner,
        kind=kind,
        status=MediaStatus.READY,
        audience=audience,
        audience_user=audience_user,
        available_from=available_from,
        original_name="clip.mp4" if video else "clip.m4a",
        size_bytes=len(clip),
        duration_seconds=1.0,
        width=160 if video else None,
        height=120 if video else None,
        processed_at=timezone.now(),
    )
    extension = "mp4" if video else "m4a"
    item.original.save(f"original.{extension}", ContentFile(clip), save=False)
    item.playback.save(f"playback.{extension}", ContentFile(playback), save=False)
    if video:
        item.poster.save("poster.jpg", ContentFile(poster), save=False)
    item.save()
    return item


def media_item_captioned(*, course, owner, language: str = "en") -> MediaItem:
    """A ready recording of ``owner``'s with one short caption track (role matrix, the
    accessibility walk: the pages that edit a track need one)."""
    item = media_item_ready(course=course, owner=owner)
    Caption.objects.create(
        media=item, language=language, vtt="WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n"
    )
    return item


DRAFT = "WEBVTT\n\n00:00.000 --> 00:00.800\nhello every one\n"


def draft_ready(media: MediaItem, vtt: str = DRAFT) -> CaptionTiming:
    """A speech draft of ``media``'s English captions waiting for its author to check it."""
    return CaptionTiming.objects.create(
        media=media,
        source=CaptionSource.SPEECH,
        text="",
        draft=vtt,
        status=CaptionTimingStatus.READY,
        requested_by=media.owner,
        finished_at=timezone.now(),
    )
