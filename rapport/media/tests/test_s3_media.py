"""Recordings kept in an S3 bucket (moto's server on loopback): uploaded through the
recorder's endpoint, processed by PyAV from the bucket, served only to those who may see
them — by a redirect to a short-lived signed link the bucket answers, ranges included,
without the web server reading the file — and gone from the bucket once deleted."""

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.urls import reverse

from rapport.core.storages import PrivateS3Storage
from rapport.core.testing.s3 import S3
from rapport.media import samples
from rapport.media.models import MediaItem, MediaStatus
from rapport.media.services import media_delete

pytestmark = S3


@pytest.fixture
def uploaded(cast, client_for, clips, s3_bucket, django_capture_on_commit_callbacks):
    """The learner's 1 s browser recording, uploaded and processed (the task runs at once)."""
    clip = samples.make_browser_webm(clips / "rec.webm", seconds=1, size=(160, 120))
    with open(clip, "rb") as handle, django_capture_on_commit_callbacks(execute=True):
        response = client_for("learner").post(
            reverse("media:upload", args=[cast.course.slug]), {"file": handle}
        )
    assert response.status_code == 201, response.content
    return MediaItem.objects.get()


@pytest.fixture
def no_reads_through_django(monkeypatch):
    """Fails the test if the web server opens a stored file to send it."""

    def refuse(storage, name, mode="rb"):
        raise AssertionError(f"The web server read {name} from the bucket.")

    monkeypatch.setattr(PrivateS3Storage, "_open", refuse)


def file_url(item, variant: str) -> str:
    return reverse("media:file", args=[item.course.slug, item.public_id, variant])


def test_an_upload_is_stored_in_the_bucket_and_processed_from_it(uploaded, s3_bucket):
    assert uploaded.status == MediaStatus.READY, uploaded.failure_reason
    assert uploaded.duration_seconds == pytest.approx(1.0, abs=0.2)
    names = {uploaded.original.name, uploaded.playback.name, uploaded.poster.name}
    assert s3_bucket.names() == names
    assert s3_bucket.read(uploaded.playback.name)[4:8] == b"ftyp"  # an MP4 PyAV wrote


def test_the_owner_is_sent_to_a_short_lived_signed_link_and_the_bucket_serves_a_range(
    uploaded, client_for, s3_bucket, settings, no_reads_through_django
):
    response = client_for("learner").get(file_url(uploaded, "playback"), HTTP_RANGE="bytes=8-99")
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    link = response["Location"]
    assert link.startswith(f"{s3_bucket.endpoint_url}/{s3_bucket.name}/")
    query = parse_qs(urlsplit(link).query)
    assert query["X-Amz-Expires"] == [str(settings.MEDIA_LINK_SECONDS)]
    assert query["response-content-type"] == [uploaded.playback_content_type]

    part = requests.get(link, headers={"Range": "bytes=8-99"}, timeout=10)
    whole = s3_bucket.read(uploaded.playback.name)
    assert part.status_code == 206
    assert part.headers["Content-Range"] == f"bytes 8-99/{len(whole)}"
    assert part.content == whole[8:100]
    assert part.headers["Content-Type"] == uploaded.playback_content_type
    assert part.headers["Cache-Control"] == "private"


def test_the_original_link_downloads_under_its_own_name(
    uploaded, client_for, no_reads_through_django
):
    response = client_for("learner").get(file_url(uploaded, "original"))
    download = requests.get(response["Location"], timeout=10)
    assert download.status_code == 200
    assert download.headers["Content-Disposition"] == 'attachment; filename="rec.webm"'
    assert download.headers["Content-Type"] == uploaded.original_content_type


def test_people_who_may_not_see_it_get_no_link(uploaded, client_for):
    for role in ("other_learner", "outsider"):
        for variant in ("playback", "poster", "original"):
            response = client_for(role).get(file_url(uploaded, variant))
            assert response.status_code == 404, (role, variant)
            assert "Location" not in response


def test_deleting_the_recording_empties_the_bucket(
    uploaded, s3_bucket, django_capture_on_commit_callbacks
):
    assert s3_bucket.names()
    with django_capture_on_commit_callbacks(execute=True):
        media_delete(media=uploaded)
    assert s3_bucket.names() == set()


def test_a_web_process_that_has_not_touched_storage_yet_still_redirects(s3_bucket, monkeypatch):
    """The default storage is set up lazily, at its first use, and may be first used by
    this check: it must see the bucket then, not stream from it."""
    import sys

    from django.core.files.storage import DefaultStorage, FileSystemStorage

    from rapport.core.offload import is_bucket

    monkeypatch.delitem(sys.modules, "storages.backends.s3", raising=False)
    assert is_bucket(DefaultStorage())
    assert not is_bucket(FileSystemStorage())


def test_a_large_file_read_back_from_the_bucket_is_held_on_disk_not_in_memory(s3_bucket):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    name = default_storage.save("media/big.bin", ContentFile(b"x" * (6 * 1024 * 1024)))
    with default_storage.open(name, "rb") as handle:
        assert handle.read(4) == b"xxxx"
        assert handle.file._rolled  # the download spilled from memory to a temporary file
