"""The background conversion, on clips made on the spot (1–2 s, 160×120)."""

import hashlib
from pathlib import Path

import av
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rapport.core.kinds import NotificationKind
from rapport.core.models import Notification
from rapport.core.recordings import header_duration
from rapport.media import samples
from rapport.media.captions.tests.clips import clip_path, reference
from rapport.media.models import MediaItem, MediaStatus
from rapport.media.services import media_create_from_upload, media_process
from rapport.media.services import processing as processing_module
from rapport.media.tests.conftest import media_files

SMALL = (160, 120)


@pytest.fixture
def pushes(monkeypatch):
    sent = []
    monkeypatch.setattr(
        processing_module, "send_to_user_on_commit", lambda user_id, event: sent.append(event)
    )
    return sent


def uploaded(cast, path, django_capture_on_commit_callbacks) -> MediaItem:
    """Upload ``path`` as the learner and let the queued processing run (huey is
    immediate in tests)."""
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        item = media_create_from_upload(course=cast.course, owner=cast.learner, upload=upload)
    item.refresh_from_db()
    return item


def streams_of(field) -> dict:
    with av.open(field.path) as container:
        return {
            stream.type: (stream.codec_context.name, getattr(stream.codec_context, "pix_fmt", None))
            for stream in container.streams
        }


def atoms(field) -> list[bytes]:
    """The top-level MP4 boxes, in order."""
    data = Path(field.path).read_bytes()
    found, offset = [], 0
    while offset + 8 <= len(data):
        size = int.from_bytes(data[offset : offset + 4], "big")
        found.append(data[offset + 4 : offset + 8])
        if size < 8:
            break
        offset += size
    return found


def video_packet_digest(path) -> str:
    digest = hashlib.sha256()
    with av.open(str(path)) as container:
        for packet in container.demux(video=0):
            if packet.size:
                digest.update(bytes(packet))
    return digest.hexdigest()


def test_a_browser_webm_becomes_an_mp4_that_starts_fast_and_knows_its_length(
    cast, clips, pushes, django_capture_on_commit_callbacks
):
    clip = samples.make_browser_webm(clips / "rec.webm", seconds=2, size=SMALL)
    with av.open(str(clip)) as source:
        assert header_duration(source) is None  # as MediaRecorder writes it
    item = uploaded(cast, clip, django_capture_on_commit_callbacks)
    assert item.status == MediaStatus.READY, item.failure_reason
    assert streams_of(item.playback) == {"video": ("h264", "yuv420p"), "audio": ("aac", None)}
    boxes = atoms(item.playback)
    assert boxes.index(b"moov") < boxes.index(b"mdat")
    assert item.duration_seconds == pytest.approx(2.0, abs=0.1)
    with av.open(item.playback.path) as result:
        assert result.duration / av.time_base == pytest.approx(2.0, abs=0.1)
    assert (item.width, item.height) == SMALL
    assert item.poster.name.endswith(".jpg")
    assert item.processed_at is not None
    assert item.original.name.endswith("/original.webm")  # the original is kept


def test_an_mp4_with_h264_and_aac_is_passed_through_without_re_encoding(
    cast, clips, django_capture_on_commit_callbacks
):
    clip = samples.make_video(clips / "phone.mp4", seconds=1, size=SMALL, container="mp4")
    item = uploaded(cast, clip, django_capture_on_commit_callbacks)
    assert item.status == MediaStatus.READY, item.failure_reason
    assert video_packet_digest(item.playback.path) == video_packet_digest(clip)
    boxes = atoms(item.playback)
    assert boxes.index(b"moov") < boxes.index(b"mdat")


def test_a_voice_recording_becomes_m4a(cast, clips, django_capture_on_commit_callbacks):
    clip = samples.make_audio(clips / "voice.webm", seconds=1, container="webm", live=True)
    item = uploaded(cast, clip, django_capture_on_commit_callbacks)
    assert item.status == MediaStatus.READY, item.failure_reason
    assert item.playback.name.endswith(".m4a")
    assert streams_of(item.playback) == {"audio": ("aac", None)}
    assert not item.poster
    assert item.duration_seconds == pytest.approx(1.0, abs=0.1)


def test_speech_at_16_khz_in_ogg_vorbis_becomes_m4a(
    cast, clips, django_capture_on_commit_callbacks
):
    """The demo's talk: mono Vorbis at 16 kHz, whose encoder flush once broke the muxer."""
    item = uploaded(cast, clip_path("lesson"), django_capture_on_commit_callbacks)
    assert item.status == MediaStatus.READY, item.failure_reason
    assert streams_of(item.playback) == {"audio": ("aac", None)}
    assert item.duration_seconds == pytest.approx(reference("lesson")["duration"], abs=0.1)


def test_odd_dimensions_become_even(cast, clips, django_capture_on_commit_callbacks):
    clip = samples.make_video(clips / "odd.webm", seconds=1, size=(161, 121))
    item = uploaded(cast, clip, django_capture_on_commit_callbacks)
    assert item.status == MediaStatus.READY, item.failure_reason
    assert (item.width, item.height) == (160, 120)
    with av.open(item.playback.path) as result:
        stream = result.streams.video[0].codec_context
        assert (stream.width, stream.height) == (160, 120)


def test_wide_videos_are_scaled_down_to_1280(cast, clips, django_capture_on_commit_callbacks):
    clip = samples.make_video(clips / "wide.webm", seconds=0.5, size=(1440, 810))
    item = uploaded(cast, clip, django_capture_on_commit_callbacks)
    assert (item.width, item.height) == (1280, 720)


def test_an_over_length_recording_fails_with_its_length_and_keeps_no_outputs(
    cast, clips, settings, pushes, django_capture_on_commit_callbacks
):
    settings.MEDIA_MAX_SECONDS = 1
    clip = samples.make_browser_webm(clips / "long.webm", seconds=2, size=SMALL)
    item = uploaded(cast, clip, django_capture_on_commit_callbacks)
    assert item.status == MediaStatus.FAILED
    assert item.failure_reason == "This recording is 2 s; the limit is 1 second."
    assert not item.playback and not item.poster
    assert media_files(settings.MEDIA_ROOT) == {item.original.name}
    assert pushes[-1] == {"type": "media.status", "id": str(item.public_id), "status": "failed"}


def test_a_failure_after_outputs_were_stored_removes_them(
    cast, clips, settings, monkeypatch, django_capture_on_commit_callbacks
):
    def poster_save_breaks(self, name, content, save=True):
        raise OSError("disk full")

    clip = samples.make_video(clips / "ok.webm", seconds=1, size=SMALL)
    monkeypatch.setattr("django.db.models.fields.files.ImageFieldFile.save", poster_save_breaks)
    item = uploaded(cast, clip, django_capture_on_commit_callbacks)
    assert item.status == MediaStatus.FAILED
    assert item.failure_reason == processing_module.COULD_NOT_PROCESS
    assert media_files(settings.MEDIA_ROOT) == {item.original.name}


def test_the_owner_is_told_when_it_is_ready(
    cast, clips, pushes, django_capture_on_commit_callbacks
):
    clip = samples.make_video(clips / "ok.webm", seconds=1, size=SMALL)
    item = uploaded(cast, clip, django_capture_on_commit_callbacks)
    note = Notification.objects.get(recipient=cast.learner, kind=NotificationKind.MEDIA_PROCESSED)
    assert note.title == "Your video “ok.webm” is ready"
    assert str(item.public_id) in note.url
    assert {"type": "media.status", "id": str(item.public_id), "status": "ready"} in pushes


def test_the_owner_is_told_why_it_failed(cast, settings, django_capture_on_commit_callbacks):
    # A file that passed the quick look at upload but is damaged further in.
    item = MediaItem.objects.create(
        course=cast.course, owner=cast.learner, original="media/x/y/original.webm"
    )
    (settings.MEDIA_ROOT / "media/x/y").mkdir(parents=True)
    (settings.MEDIA_ROOT / "media/x/y/original.webm").write_bytes(b"\x1aE\xdf\xa3" + b"\0" * 64)
    with django_capture_on_commit_callbacks(execute=True):
        media_process(media_id=item.pk)
    item.refresh_from_db()
    assert item.status == MediaStatus.FAILED
    note = Notification.objects.get(recipient=cast.learner)
    assert note.title == "We couldn't process your video"
    assert note.body == item.failure_reason


def test_processing_twice_does_nothing_more(cast, clips, django_capture_on_commit_callbacks):
    clip = samples.make_video(clips / "ok.webm", seconds=1, size=SMALL)
    item = uploaded(cast, clip, django_capture_on_commit_callbacks)
    playback = item.playback.name
    media_process(media_id=item.pk)
    item.refresh_from_db()
    assert item.playback.name == playback
    assert Notification.objects.filter(recipient=cast.learner).count() == 1


def test_a_sideways_phone_video_is_turned_upright(cast, clips, django_capture_on_commit_callbacks):
    clip = clips / "portrait.mkv"
    with av.open(str(clip), "w", format="matroska") as output:
        stream = output.add_stream("mpeg4", rate=10)
        stream.width, stream.height, stream.pix_fmt = 160, 120, "yuv420p"
        stream.set_display_rotation(90)
        for index in range(5):
            frame = av.VideoFrame(160, 120, "yuv420p")
            frame.pts = index
            output.mux(stream.encode(frame))
        output.mux(stream.encode(None))
    item = uploaded(cast, clip, django_capture_on_commit_callbacks)
    assert item.status == MediaStatus.READY, item.failure_reason
    assert (item.width, item.height) == (120, 160)


def test_an_m4a_with_aac_is_passed_through(cast, clips, django_capture_on_commit_callbacks):
    clip = samples.make_audio(clips / "voice.m4a", seconds=1, container="m4a")
    item = uploaded(cast, clip, django_capture_on_commit_callbacks)
    assert item.status == MediaStatus.READY, item.failure_reason
    assert item.playback.name.endswith(".m4a")

    def audio_digest(path):
        digest = hashlib.sha256()
        with av.open(str(path)) as container:
            for packet in container.demux(audio=0):
                if packet.size:
                    digest.update(bytes(packet))
        return digest.hexdigest()

    assert audio_digest(item.playback.path) == audio_digest(clip)
