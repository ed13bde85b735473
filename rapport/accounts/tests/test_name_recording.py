"""Recording one's name in the browser: the recorder sends the clip at once, and it becomes
the profile's name recording — or is refused with words, leaving the old one as it was."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rapport.accounts.tests.samples import recording_upload

pytestmark = pytest.mark.django_db

URL = reverse("accounts:pronunciation_record")


def test_a_recorded_name_becomes_the_profiles_recording(cast, client_for):
    client = client_for("learner")
    response = client.post(URL, {"file": recording_upload()})
    assert response.status_code == 201 and response.json()["id"]
    cast.learner.refresh_from_db()
    assert cast.learner.pronunciation_audio.name.endswith(".webm")
    heard = client_for("other_learner").get(
        reverse("accounts:pronunciation", args=[cast.learner.pk])
    )
    assert heard.status_code == 200


def test_a_file_that_is_not_a_recording_is_refused_and_changes_nothing(cast, client_for):
    response = client_for("learner").post(
        URL, {"file": SimpleUploadedFile("name.webm", b"hello", content_type="audio/webm")}
    )
    assert response.status_code == 400 and "recording" in response.json()["error"].lower()
    cast.learner.refresh_from_db()
    assert not cast.learner.pronunciation_audio


def test_signing_in_is_needed_and_only_posts_are_taken(client, cast, client_for):
    assert client.post(URL, {"file": recording_upload()}).status_code == 302
    assert client_for("learner").get(URL).status_code == 405


def test_the_profile_offers_the_recorder_for_the_name(client_for):
    html = client_for("learner").get(reverse("accounts:profile_edit")).content.decode()
    assert 'data-upload-url="/me/profile/name-recording/"' in html
    assert 'name="pronunciation_audio"' in html  # without JavaScript: choose a file
