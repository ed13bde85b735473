import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rapport.accounts.services import profile_update
from rapport.accounts.tests.samples import media_files, photo_upload, recording_upload
from rapport.courses.models import Membership, MembershipStatus

PROFILE_URL = reverse("accounts:profile_edit")


def form_data(**overrides):
    data = {
        "preferred_name": "Lea",
        "full_name": "Lea Example",
        "pronouns": "she/her",
        "pronunciation_text": "LAY-ah",
        "timezone": "Europe/Berlin",
        "preferred_channel": "in_app",
        "about": "I study rivers.",
        "quiet_hours_start": "",
        "quiet_hours_end": "",
        "show_photo_to_peers": "on",
        "show_pronouns_to_peers": "on",
        "show_about_to_peers": "on",
        "show_pronunciation_to_peers": "on",
        "show_local_time_to_peers": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# --- the profile page -------------------------------------------------------------------


def test_profile_page_shows_the_form_and_what_is_missing(client_for):
    response = client_for("learner").get(PROFILE_URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "What should we call you?" in page
    assert 'accept="audio/*"' in page
    assert "What classmates can see" in page
    assert "young learners" in page
    assert "Still to add" in page and "Photo" in page and "About me" in page


def test_profile_page_needs_sign_in(client):
    response = client.get(PROFILE_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_saving_the_profile_with_photo_and_recording(client_for, cast):
    client = client_for("learner")
    response = client.post(
        PROFILE_URL,
        form_data(
            photo=photo_upload(), pronunciation_audio=recording_upload(), show_about_to_peers=None
        ),
    )
    assert response.status_code == 302
    cast.learner.refresh_from_db()
    assert cast.learner.preferred_name == "Lea"
    assert cast.learner.timezone == "Europe/Berlin"
    assert cast.learner.show_about_to_peers is False
    assert cast.learner.photo and cast.learner.pronunciation_audio
    assert cast.learner.profile_completed_at is not None

    page = client.get(PROFILE_URL).content.decode()
    assert "Your profile is complete" in page
    assert "<audio controls" in page
    assert reverse("accounts:pronunciation", args=[cast.learner.pk]) in page
    assert reverse("accounts:photo", args=[cast.learner.pk]) in page


def test_quiet_hours_with_only_a_start_are_explained(client_for, cast):
    response = client_for("learner").post(PROFILE_URL, form_data(quiet_hours_start="21:00"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "quiet hours need both a start and an end" in page
    assert 'aria-invalid="true"' in page
    assert 'id="id_quiet_hours_end_error"' in page
    cast.learner.refresh_from_db()
    assert cast.learner.quiet_hours_start is None


def test_refused_photo_is_explained_and_nothing_is_saved(client_for, cast, settings):
    response = client_for("learner").post(
        PROFILE_URL,
        form_data(
            preferred_name="Changed",
            photo=SimpleUploadedFile("me.jpg", b"a letter, not a photo", content_type="image/jpeg"),
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "That file isn&#x27;t an image we can read — try a JPEG or PNG." in page
    assert "Nothing has been saved yet" in page
    cast.learner.refresh_from_db()
    assert cast.learner.preferred_name == "Learner"
    assert media_files(settings.MEDIA_ROOT) == set()


def test_refused_recording_is_explained(client_for):
    response = client_for("learner").post(
        PROFILE_URL, form_data(pronunciation_audio=recording_upload(seconds=20))
    )
    assert "please keep it to 15 seconds" in response.content.decode()


def test_preferred_name_is_required(client_for):
    response = client_for("learner").post(PROFILE_URL, form_data(preferred_name=""))
    assert response.status_code == 200
    assert 'id="id_preferred_name_error"' in response.content.decode()


# --- photos and recordings: who may fetch them ------------------------------------------


@pytest.fixture
def learner_media(cast):
    profile_update(
        user=cast.learner,
        data={},
        photo_upload=photo_upload(size=(2000, 1000)),
        audio_upload=recording_upload(),
    )
    return cast.learner


def photo_url(person, **params):
    url = reverse("accounts:photo", args=[person.pk])
    return url + ("?size=full" if params.get("full") else "")


def pronunciation_url(person):
    return reverse("accounts:pronunciation", args=[person.pk])


def fetch(client, url):
    response = client.get(url)
    if hasattr(response, "streaming_content"):
        response.body = b"".join(response.streaming_content)
    return response


@pytest.mark.parametrize("viewer", ["learner", "instructor", "ta", "other_learner"])
def test_people_in_the_course_get_the_thumbnail_and_recording(client_for, learner_media, viewer):
    client = client_for(viewer)
    photo = fetch(client, photo_url(learner_media))
    assert photo.status_code == 200
    assert photo["Content-Type"] == "image/jpeg"
    assert photo["Cache-Control"].startswith("private")
    assert photo["X-Content-Type-Options"] == "nosniff"
    assert photo.body == learner_media.photo_thumb.open("rb").read()

    recording = fetch(client, pronunciation_url(learner_media))
    assert recording.status_code == 200
    assert recording["Content-Type"] == "audio/webm"
    assert recording["Cache-Control"].startswith("private")
    assert recording["X-Content-Type-Options"] == "nosniff"


def test_full_size_photo_on_request(client_for, learner_media):
    response = fetch(client_for("instructor"), photo_url(learner_media, full=True))
    assert response.status_code == 200
    assert response.body == learner_media.photo.open("rb").read()


def test_outsider_gets_404(client_for, learner_media):
    client = client_for("outsider")
    assert client.get(photo_url(learner_media)).status_code == 404
    assert client.get(pronunciation_url(learner_media)).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, learner_media):
    for url in (photo_url(learner_media), pronunciation_url(learner_media)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_classmate_gets_404_when_the_person_hid_them(client_for, learner_media):
    learner_media.show_photo_to_peers = False
    learner_media.show_pronunciation_to_peers = False
    learner_media.save()
    classmate = client_for("other_learner")
    assert classmate.get(photo_url(learner_media)).status_code == 404
    assert classmate.get(pronunciation_url(learner_media)).status_code == 404
    staff = client_for("ta")
    assert staff.get(photo_url(learner_media)).status_code == 200
    assert staff.get(pronunciation_url(learner_media)).status_code == 200


def test_classmate_gets_404_in_a_young_learners_course(client_for, cast, learner_media):
    cast.course.young_learners = True
    cast.course.save()
    classmate = client_for("other_learner")
    assert classmate.get(photo_url(learner_media)).status_code == 404
    assert classmate.get(pronunciation_url(learner_media)).status_code == 404
    assert client_for("instructor").get(photo_url(learner_media)).status_code == 200


def test_learners_still_see_their_teachers_face_in_a_young_learners_course(client_for, cast):
    cast.course.young_learners = True
    cast.course.save()
    profile_update(user=cast.instructor, data={}, photo_upload=photo_upload())
    assert client_for("learner").get(photo_url(cast.instructor)).status_code == 200


def test_former_classmate_gets_404(client_for, cast, learner_media):
    Membership.objects.filter(user=cast.other_learner).update(status=MembershipStatus.LEFT)
    assert client_for("other_learner").get(photo_url(learner_media)).status_code == 404


def test_no_photo_means_404_even_for_oneself(client_for, cast):
    client = client_for("learner")
    assert client.get(photo_url(cast.learner)).status_code == 404
    assert client.get(pronunciation_url(cast.learner)).status_code == 404


def test_photo_costs_a_fixed_few_queries(client_for, learner_media, django_assert_num_queries):
    client = client_for("other_learner")
    # session, the signed-in user, and one query for the shared memberships
    with django_assert_num_queries(3):
        assert client.get(photo_url(learner_media)).status_code == 200
