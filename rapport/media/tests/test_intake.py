"""Uploads become MediaItems — or are refused with a message, leaving nothing behind."""

from pathlib import Path

import av
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile

from rapport.core.refusals import Refused
from rapport.media import samples
from rapport.media.models import Audience, MediaItem, MediaKind, MediaStatus
from rapport.media.services import media_create_from_upload
from rapport.media.tests.conftest import media_files


def upload_of(path, name=None, content_type="video/webm"):
    return SimpleUploadedFile(name or path.name, path.read_bytes(), content_type=content_type)


def temporary_upload_of(path, name=None):
    """An upload as Django spools a large one: in a temporary file with a path."""
    upload = TemporaryUploadedFile(name or path.name, "video/webm", path.stat().st_size, None)
    upload.write(path.read_bytes())
    upload.seek(0)
    return upload


def refused(cast, upload) -> Refused:
    with pytest.raises(Refused) as caught:
        media_create_from_upload(course=cast.course, owner=cast.learner, upload=upload)
    return caught.value


def test_a_browser_recording_is_stored_private_and_queued(
    cast, clips, settings, django_capture_on_commit_callbacks
):
    clip = samples.make_browser_webm(clips / "hello.webm", seconds=1, size=(160, 120))
    with django_capture_on_commit_callbacks(execute=False) as queued:
        item = media_create_from_upload(
            course=cast.course, owner=cast.learner, upload=upload_of(clip)
        )
    assert len(queued) == 1  # processing waits for the commit
    item.refresh_from_db()
    assert item.status == MediaStatus.PROCESSING
    assert item.kind == MediaKind.VIDEO
    assert item.audience == Audience.PRIVATE
    assert item.original_name == "hello.webm"
    assert item.size_bytes == clip.stat().st_size
    assert item.original.name.endswith("/original.webm")
    assert (settings.MEDIA_ROOT / item.original.name).read_bytes() == clip.read_bytes()


def test_a_spooled_upload_is_moved_into_storage_not_copied_in_memory(cast, clips, settings):
    clip = samples.make_video(clips / "big.mkv", seconds=1, size=(160, 120), container="mkv")
    upload = temporary_upload_of(clip, name="lecture.mkv")
    spooled = Path(upload.temporary_file_path())
    item = media_create_from_upload(course=cast.course, owner=cast.learner, upload=upload)
    upload.close()  # as Django does at the end of a request
    assert not spooled.exists()  # moved, not read into memory and written again
    assert item.original.name.endswith("/original.mkv")
    assert (settings.MEDIA_ROOT / item.original.name).read_bytes() == clip.read_bytes()


def test_sound_only_is_audio(cast, clips):
    clip = samples.make_audio(clips / "voice.ogg", seconds=1, container="ogg")
    item = media_create_from_upload(course=cast.course, owner=cast.learner, upload=upload_of(clip))
    assert item.kind == MediaKind.AUDIO
    assert item.original.name.endswith("/original.ogg")


def test_cover_art_does_not_make_a_voice_recording_a_video(cast, clips):
    clip = clips / "song.m4a"
    with av.open(str(clip), "w", format="mp4") as output:
        audio = output.add_stream("aac", rate=48000, layout="mono")
        cover = output.add_stream("mjpeg")
        cover.width, cover.height, cover.pix_fmt = 16, 16, "yuvj420p"
        cover.disposition = av.stream.Disposition.attached_pic
        picture = av.VideoFrame(16, 16, "yuvj420p")
        picture.pts = 0
        output.mux(cover.encode(picture))
        output.mux(cover.encode(None))
        for frame in av.open(str(samples.make_audio(clips / "t.webm", seconds=1))).decode(audio=0):
            frame.pts = None
            output.mux(audio.encode(frame))
        output.mux(audio.encode(None))
    with av.open(str(clip)) as check:
        assert check.streams.video, "the sample should carry a cover picture"
    item = media_create_from_upload(course=cast.course, owner=cast.learner, upload=upload_of(clip))
    assert item.kind == MediaKind.AUDIO


@pytest.mark.parametrize(
    "name,data",
    [
        ("empty.webm", b""),
        ("notes.webm", b"WEBVTT\n\nThese are my notes, not a video at all.\n" * 20),
        ("fake.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 400),
        ("list.webm", b"#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile:///etc/passwd\n"),
        ("concat.webm", b"ffconcat version 1.0\nfile /etc/passwd\n"),
    ],
    ids=["zero-byte", "text-named-webm", "header-only", "playlist", "concat-list"],
)
def test_files_that_are_not_recordings_are_refused_leaving_nothing(cast, settings, name, data):
    refusal = refused(cast, SimpleUploadedFile(name, data, content_type="video/webm"))
    assert refusal.code in {"empty", "unreadable"}
    assert "empty" in refusal.message or "isn't a video or audio recording" in refusal.message
    assert not MediaItem.objects.exists()
    assert media_files(settings.MEDIA_ROOT) == set()


@pytest.mark.parametrize("container", ["mp4", "webm"])
def test_a_truncated_file_is_refused(cast, clips, settings, container):
    clip = samples.make_video(
        clips / f"cut.{container}", seconds=1, size=(160, 120), container=container
    )
    data = clip.read_bytes()
    # MP4 keeps its index at the end (cut in half, it's gone); WebM's header is at the start.
    cut = data[: len(data) // 2] if container == "mp4" else data[:180]
    refusal = refused(cast, SimpleUploadedFile(clip.name, cut))
    assert refusal.message == "That file isn't a video or audio recording we can read."
    assert not MediaItem.objects.exists()
    assert media_files(settings.MEDIA_ROOT) == set()


def test_an_over_size_file_is_refused_with_the_limit(cast, clips, settings):
    clip = samples.make_video(clips / "long.webm", seconds=1, size=(160, 120))
    settings.MEDIA_MAX_BYTES = 10 * 1024
    refusal = refused(cast, upload_of(clip))
    assert refusal.code == "too_big"
    assert refusal.message.endswith("the limit is 10.0\xa0KB.")
    assert not MediaItem.objects.exists()
    assert media_files(settings.MEDIA_ROOT) == set()


def test_an_over_length_file_that_says_so_is_refused_at_once(cast, clips, settings):
    clip = samples.make_video(clips / "long.mp4", seconds=2, size=(160, 120), container="mp4")
    settings.MEDIA_MAX_SECONDS = 1
    refusal = refused(cast, upload_of(clip))
    assert refusal.code == "too_long"
    assert refusal.message == "This recording is 2 s; the limit is 1 second."
    assert not MediaItem.objects.exists()
    assert media_files(settings.MEDIA_ROOT) == set()


def test_a_failed_database_write_removes_the_stored_file(cast, clips, settings, monkeypatch):
    clip = samples.make_video(clips / "ok.webm", seconds=1, size=(160, 120))

    def broken_save(self, *args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(MediaItem, "save", broken_save)
    with pytest.raises(RuntimeError):
        media_create_from_upload(course=cast.course, owner=cast.learner, upload=upload_of(clip))
    assert media_files(settings.MEDIA_ROOT) == set()
