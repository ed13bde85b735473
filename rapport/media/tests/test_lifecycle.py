"""A recording's end: deleted with every file it has, processing a dead worker left
behind retried once then failed, recordings nobody attached removed after a day, and
each person's storage capped."""

from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from huey.api import PeriodicTask

from rapport.core.kinds import NotificationKind
from rapport.core.models import Notification
from rapport.core.refusals import Refused
from rapport.media import samples, tasks
from rapport.media.models import Audience, Caption, MediaItem, MediaKind, MediaStatus
from rapport.media.services import (
    media_create_from_upload,
    media_delete,
    media_sweep_stuck,
    media_sweep_unattached,
)
from rapport.media.services.lifecycle import STOPPED_PROCESSING
from rapport.media.testing import media_item_ready
from rapport.media.tests.conftest import media_files

pytestmark = pytest.mark.django_db

QUOTA_REFUSAL = (
    "You have used 1.0\xa0GB of your 1.0\xa0GB for recordings; "
    "delete an old recording to record more."
)


def a_processing_upload(cast, clips, django_capture_on_commit_callbacks) -> MediaItem:
    """A recording whose processing task was never run: what a worker that died leaves."""
    clip = samples.make_browser_webm(clips / "stuck.webm", seconds=1, size=(160, 120))
    upload = SimpleUploadedFile("stuck.webm", clip.read_bytes(), content_type="video/webm")
    with django_capture_on_commit_callbacks(execute=False):
        item = media_create_from_upload(course=cast.course, owner=cast.learner, upload=upload)
    return item


# --- media_delete -------------------------------------------------------------------------


def test_deleting_a_recording_removes_its_files_and_captions_once_committed(
    cast, settings, django_capture_on_commit_callbacks
):
    item = media_item_ready(course=cast.course, owner=cast.learner)
    Caption.objects.create(media=item, vtt="WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n")
    assert len(media_files(settings.MEDIA_ROOT)) == 3  # original, playback, poster

    with django_capture_on_commit_callbacks(execute=True):
        media_delete(media=item)

    assert not MediaItem.objects.filter(pk=item.pk).exists()
    assert not Caption.objects.exists()
    assert media_files(settings.MEDIA_ROOT) == set()
    assert not (settings.MEDIA_ROOT / item.original.name).parent.exists()


def test_a_delete_that_rolls_back_keeps_the_files(
    cast, settings, django_capture_on_commit_callbacks
):
    item = media_item_ready(course=cast.course, owner=cast.learner)
    before = media_files(settings.MEDIA_ROOT)

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        media_delete(media=item)
        raise RuntimeError("something later in the same change failed")

    assert MediaItem.objects.filter(pk=item.pk).exists()
    assert media_files(settings.MEDIA_ROOT) == before


# --- processing that stopped --------------------------------------------------------------


def test_processing_left_by_a_dead_worker_is_retried_once(
    cast, clips, django_capture_on_commit_callbacks
):
    item = a_processing_upload(cast, clips, django_capture_on_commit_callbacks)

    with (
        time_machine.travel(timezone.now() + timedelta(minutes=31), tick=False),
        django_capture_on_commit_callbacks(execute=True),  # tasks run at once in tests
    ):
        assert media_sweep_stuck() == (1, 0)

    item.refresh_from_db()
    assert item.status == MediaStatus.READY
    assert item.processing_retried_at is not None


def test_recent_processing_is_left_alone(cast, clips, django_capture_on_commit_callbacks):
    item = a_processing_upload(cast, clips, django_capture_on_commit_callbacks)

    with (
        time_machine.travel(timezone.now() + timedelta(minutes=20), tick=False),
        django_capture_on_commit_callbacks(execute=True) as queued,
    ):
        assert media_sweep_stuck() == (0, 0)

    assert queued == []
    item.refresh_from_db()
    assert item.status == MediaStatus.PROCESSING


def test_processing_that_stops_again_after_the_retry_fails_and_the_owner_is_told(
    cast, clips, django_capture_on_commit_callbacks
):
    item = a_processing_upload(cast, clips, django_capture_on_commit_callbacks)
    start = timezone.now()
    with (
        time_machine.travel(start + timedelta(minutes=31), tick=False),
        django_capture_on_commit_callbacks(execute=False),  # the retry dies too
    ):
        assert media_sweep_stuck() == (1, 0)
    with time_machine.travel(start + timedelta(minutes=50), tick=False):
        assert media_sweep_stuck() == (0, 0)  # the retry still has time
    with (
        time_machine.travel(start + timedelta(minutes=62), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert media_sweep_stuck() == (0, 1)

    item.refresh_from_db()
    assert item.status == MediaStatus.FAILED
    assert item.failure_reason == STOPPED_PROCESSING
    told = Notification.objects.get(recipient=cast.learner, kind=NotificationKind.MEDIA_PROCESSED)
    assert told.body == STOPPED_PROCESSING


# --- recordings nobody attached -----------------------------------------------------------


def test_recordings_never_attached_are_removed_after_a_day(
    cast, settings, django_capture_on_commit_callbacks
):
    abandoned = media_item_ready(course=cast.course, owner=cast.learner)
    shared = media_item_ready(course=cast.course, owner=cast.instructor, audience=Audience.COURSE)
    sent_to_one = media_item_ready(
        course=cast.course,
        owner=cast.instructor,
        audience=Audience.PRIVATE,
        audience_user=cast.learner,
    )
    kept_files = {
        name for name in media_files(settings.MEDIA_ROOT) if str(abandoned.public_id) not in name
    }

    with time_machine.travel(timezone.now() + timedelta(hours=23), tick=False):
        assert media_sweep_unattached() == 0
    with time_machine.travel(timezone.now() + timedelta(hours=25), tick=False):
        fresh = media_item_ready(course=cast.course, owner=cast.learner)
        with django_capture_on_commit_callbacks(execute=True):
            assert media_sweep_unattached() == 1

    assert set(MediaItem.objects.values_list("pk", flat=True)) == {
        shared.pk,
        sent_to_one.pk,
        fresh.pk,
    }
    assert kept_files <= media_files(settings.MEDIA_ROOT)
    assert not any(str(abandoned.public_id) in name for name in media_files(settings.MEDIA_ROOT))


def test_the_sweeps_are_periodic_tasks():
    assert issubclass(tasks.media_sweep_stuck.task_class, PeriodicTask)
    assert issubclass(tasks.media_sweep_unattached.task_class, PeriodicTask)


# --- the storage quota --------------------------------------------------------------------


def test_an_upload_past_the_quota_is_refused_and_nothing_is_saved(cast, clips, settings):
    settings.MEDIA_QUOTA_BYTES = 1024**3
    old = media_item_ready(course=cast.course, owner=cast.learner, kind=MediaKind.AUDIO)
    MediaItem.objects.filter(pk=old.pk).update(size_bytes=1024**3)
    before = media_files(settings.MEDIA_ROOT)
    clip = samples.make_audio(clips / "more.webm", seconds=1)

    with pytest.raises(Refused) as refused:
        media_create_from_upload(
            course=cast.course,
            owner=cast.learner,
            upload=SimpleUploadedFile("more.webm", clip.read_bytes()),
        )

    assert refused.value.message == QUOTA_REFUSAL
    assert refused.value.code == "over_quota"
    assert MediaItem.objects.count() == 1
    assert media_files(settings.MEDIA_ROOT) == before


def test_the_quota_counts_each_person_alone_and_a_fitting_upload_is_taken(cast, clips, settings):
    clip = samples.make_audio(clips / "hello.webm", seconds=1)
    size = clip.stat().st_size
    settings.MEDIA_QUOTA_BYTES = size * 2
    other = media_item_ready(course=cast.course, owner=cast.instructor, kind=MediaKind.AUDIO)
    MediaItem.objects.filter(pk=other.pk).update(size_bytes=size * 10)

    def upload():
        return media_create_from_upload(
            course=cast.course,
            owner=cast.learner,
            upload=SimpleUploadedFile("hello.webm", clip.read_bytes()),
        )

    upload()
    upload()
    with pytest.raises(Refused, match="delete an old recording to record more"):
        upload()
    assert MediaItem.objects.filter(owner=cast.learner).count() == 2


def test_the_upload_page_shows_the_quota_message(cast, clips, settings, client_for):
    settings.MEDIA_QUOTA_BYTES = 1024**3
    old = media_item_ready(course=cast.course, owner=cast.learner, kind=MediaKind.AUDIO)
    MediaItem.objects.filter(pk=old.pk).update(size_bytes=1024**3 + 1)
    clip = samples.make_audio(clips / "more.webm", seconds=1)

    response = client_for("learner").post(
        f"/c/{cast.course.slug}/media/upload/",
        {"file": SimpleUploadedFile("more.webm", clip.read_bytes())},
    )

    assert response.json()["error"] == QUOTA_REFUSAL
    assert MediaItem.objects.count() == 1
