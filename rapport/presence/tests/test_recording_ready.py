""" "Your recording is ready" names the recording, and only comes while its owner is still
waiting for it — not after the message carrying it went out."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from rapport.core.kinds import NotificationKind
from rapport.core.models import Notification
from rapport.media import samples
from rapport.media.models import MediaItem, MediaStatus
from rapport.media.services import media_create_from_upload, media_process
from rapport.presence import services
from rapport.presence.models import Tone

pytestmark = pytest.mark.django_db


@pytest.fixture
def processing_video(cast, tmp_path):
    """A video the instructor uploaded, still processing (its queued task has not run)."""

    def make(name="week3.webm"):
        clip = samples.make_video(tmp_path / name, seconds=1, size=(160, 120))
        upload = SimpleUploadedFile(name, clip.read_bytes())
        item = media_create_from_upload(course=cast.course, owner=cast.instructor, upload=upload)
        assert item.status == MediaStatus.PROCESSING
        return item

    return make


def _process(item, capture) -> MediaItem:
    with capture(execute=True):
        media_process(media_id=item.pk)
    item.refresh_from_db()
    return item


def _ready_notes(cast):
    return list(
        Notification.objects.filter(
            recipient=cast.instructor, kind=NotificationKind.MEDIA_PROCESSED
        ).values_list("title", flat=True)
    )


def test_no_ready_notice_once_the_checkin_carrying_it_went_out(
    cast, processing_video, django_capture_on_commit_callbacks
):
    item = processing_video()
    services.checkin_post(
        course=cast.course, author=cast.instructor, title="Week 3", media_id=item.public_id
    )
    assert _process(item, django_capture_on_commit_callbacks).status == MediaStatus.READY
    assert _ready_notes(cast) == []


def test_no_ready_notice_once_the_note_carrying_it_was_sent(
    cast, processing_video, django_capture_on_commit_callbacks
):
    item = processing_video()
    services.note_send(
        course=cast.course,
        author=cast.instructor,
        recipient=cast.learner,
        tone=Tone.THINKING_OF_YOU,
        media_id=item.public_id,
    )
    _process(item, django_capture_on_commit_callbacks)
    assert _ready_notes(cast) == []


def test_a_scheduled_checkin_names_its_video_when_ready(
    cast, processing_video, django_capture_on_commit_callbacks
):
    item = processing_video()
    services.checkin_post(
        course=cast.course,
        author=cast.instructor,
        title="Week 3",
        media_id=item.public_id,
        release_at=timezone.now() + timedelta(days=2),
    )
    _process(item, django_capture_on_commit_callbacks)
    assert _ready_notes(cast) == ["Your check-in video “Week 3” is ready"]


def test_an_unused_upload_is_named_by_its_file(
    cast, processing_video, django_capture_on_commit_callbacks
):
    item = processing_video("field-trip.webm")
    _process(item, django_capture_on_commit_callbacks)
    assert _ready_notes(cast) == ["Your video “field-trip.webm” is ready"]


def test_a_failure_after_sending_is_still_told_and_named(
    cast, processing_video, django_capture_on_commit_callbacks, monkeypatch
):
    item = processing_video()
    services.checkin_post(
        course=cast.course, author=cast.instructor, title="Week 3", media_id=item.public_id
    )

    def unreadable(*args, **kwargs):
        from rapport.media import pipeline

        raise pipeline.Unreadable()

    monkeypatch.setattr("rapport.media.pipeline.measure_duration", unreadable)
    assert _process(item, django_capture_on_commit_callbacks).status == MediaStatus.FAILED
    assert _ready_notes(cast) == ["We couldn't process your check-in video “Week 3”"]
