"""media:upload — the recorder's endpoint: JSON in both directions."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from rapport.media import samples
from rapport.media.models import MediaItem
from rapport.media.tests.conftest import media_files
from rapport.media.uploads import MaxSizeUploadHandler


@pytest.fixture
def upload_url(cast):
    return reverse("media:upload", args=[cast.course.slug])


def test_a_member_uploads_a_recording_and_gets_its_status_url(
    cast, client_for, clips, upload_url, django_capture_on_commit_callbacks
):
    clip = samples.make_browser_webm(clips / "rec.webm", seconds=1, size=(160, 120))
    with open(clip, "rb") as handle, django_capture_on_commit_callbacks(execute=True):
        response = client_for("learner").post(upload_url, {"file": handle})
    assert response.status_code == 201, response.content
    data = response.json()
    item = MediaItem.objects.get()
    assert item.owner == cast.learner
    assert data == {
        "id": str(item.public_id),
        "status": "processing",
        "kind": "video",
        "status_url": reverse("media:status", args=[cast.course.slug, item.public_id]),
    }


def test_no_file_is_a_clear_json_error(client_for, upload_url):
    response = client_for("learner").post(upload_url, {})
    assert response.status_code == 400
    assert response.json() == {"error": "Choose a recording to upload."}


def test_a_text_file_is_refused_as_json(client_for, upload_url, settings):
    fake = SimpleUploadedFile("clip.webm", b"not a video\n" * 100, content_type="video/webm")
    response = client_for("learner").post(upload_url, {"file": fake})
    assert response.status_code == 400
    assert response.json() == {"error": "That file isn't a video or audio recording we can read."}
    assert not MediaItem.objects.exists()
    assert media_files(settings.MEDIA_ROOT) == set()


def test_an_over_size_upload_is_413_and_stopped_before_it_is_stored(
    client_for, upload_url, settings, clips
):
    settings.MEDIA_MAX_BYTES = 4096
    clip = samples.make_video(clips / "big.webm", seconds=1, size=(160, 120))
    with open(clip, "rb") as handle:
        response = client_for("learner").post(upload_url, {"file": handle})
    assert response.status_code == 413
    assert response.json() == {"error": "That file is over 4.0\xa0KB, the limit for a recording."}
    assert not MediaItem.objects.exists()
    assert media_files(settings.MEDIA_ROOT) == set()


def test_the_size_handler_stops_counting_chunks_past_the_limit():
    handler = MaxSizeUploadHandler(limit=10)
    handler.handle_raw_input(None, {}, 100, b"x")
    assert handler.receive_data_chunk(b"12345", 0) == b"12345"
    with pytest.raises(Exception) as stopped:
        handler.receive_data_chunk(b"678901", 5)
    assert type(stopped.value).__name__ == "StopUpload"
    assert handler.too_big


def test_the_size_handler_refuses_a_body_declared_too_big_before_reading_it(settings):
    settings.MEDIA_MAX_BYTES = 10
    handler = MaxSizeUploadHandler()
    handler.handle_raw_input(None, {}, 10 + 65 * 1024, b"x")
    with pytest.raises(Exception) as stopped:
        handler.new_file("file", "a.webm", "video/webm", 0)
    assert type(stopped.value).__name__ == "StopUpload"
    assert handler.received == 0


def test_upload_needs_the_csrf_token(cast, clips, upload_url):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.learner)
    clip = samples.make_video(clips / "a.webm", seconds=1, size=(160, 120))
    with open(clip, "rb") as handle:
        response = client.post(upload_url, {"file": handle})
    assert response.status_code == 403
    assert not MediaItem.objects.exists()


def test_upload_is_post_only(client_for, upload_url):
    assert client_for("learner").get(upload_url).status_code == 405


@pytest.mark.parametrize("role,status", [("outsider", 404), ("anonymous", 302)])
def test_only_members_can_upload(client_for, upload_url, role, status, clips):
    clip = samples.make_video(clips / "a.webm", seconds=1, size=(160, 120))
    with open(clip, "rb") as handle:
        response = client_for(role).post(upload_url, {"file": handle})
    assert response.status_code == status
    assert not MediaItem.objects.exists()
