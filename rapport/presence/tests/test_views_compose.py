"""Staff composing check-ins, notes and feedback, and working with message templates."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from rapport.presence.models import (
    Message,
    MessageKind,
    MessageTemplate,
    Tone,
)

pytestmark = pytest.mark.django_db

BASE = "/c/env-sci/messages/"


def content(response) -> str:
    return response.content.decode()


def errors_of(response) -> str:
    form = response.context["form"]
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


# --- composing -------------------------------------------------------------------------------


def test_compose_pages_for_staff(cast, client_for):
    client = client_for("ta")
    for path in ["check-ins/new/", "notes/new/", "feedback/new/"]:
        response = client.get(BASE + path)
        assert response.status_code == 200
        assert 'name="media_id"' in content(response)
        assert 'name="media_file"' in content(response)
        assert 'enctype="multipart/form-data"' in content(response)


def test_staff_post_a_text_checkin(cast, client_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("instructor").post(
            BASE + "check-ins/new/", {"title": "Week 1", "body": "Hello **all**"}
        )
    message = Message.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}{message.pk}/"
    assert message.is_released


def test_scheduled_release_is_read_in_the_course_time_zone(cast, client_for):
    next_week = (timezone.now() + timedelta(days=7)).astimezone(ZoneInfo("America/Chicago"))
    typed = next_week.strftime("%Y-%m-%dT09:00")
    client_for("instructor").post(
        BASE + "check-ins/new/", {"title": "Soon", "body": "x", "release_at": typed}
    )
    message = Message.objects.get()
    assert not message.is_released
    expected = datetime.strptime(typed, "%Y-%m-%dT%H:%M").replace(
        tzinfo=ZoneInfo("America/Chicago")
    )
    assert message.release_at == expected


def test_checkin_with_a_recorded_video(cast, client_for, media_for):
    media = media_for()
    client_for("instructor").post(
        BASE + "check-ins/new/", {"title": "Week 1", "media_id": str(media.public_id)}
    )
    assert Message.objects.get().media == media


def test_nothing_to_say_gets_a_clear_message_and_saves_nothing(cast, client_for):
    response = client_for("instructor").post(BASE + "check-ins/new/", {"title": "Week 1"})
    assert response.status_code == 200
    assert "Write a message, or record or upload a video or voice message." in content(response)
    assert not Message.objects.exists()


def test_invalid_media_id_gets_a_clear_message(cast, client_for):
    response = client_for("instructor").post(
        BASE + "notes/new/",
        {"recipient": cast.learner.pk, "tone": Tone.OTHER, "media_id": "12345"},
    )
    assert response.status_code == 200
    assert "We couldn&#x27;t find that recording" in content(response)
    assert not Message.objects.exists()


def test_a_finished_recording_survives_a_form_that_comes_back(cast, client_for, media_for):
    media = media_for()
    response = client_for("instructor").post(
        BASE + "notes/new/", {"tone": Tone.OTHER, "media_id": str(media.public_id)}
    )
    assert "Choose the learner this is for." in errors_of(response)
    assert f'value="{media.public_id}"' in content(response)


def test_a_refused_recording_does_not_come_back(cast, client_for, media_for):
    media = media_for(owner=cast.ta)
    response = client_for("instructor").post(
        BASE + "notes/new/",
        {"recipient": cast.learner.pk, "tone": Tone.OTHER, "media_id": str(media.public_id)},
    )
    assert "couldn&#x27;t find that recording" in content(response)
    assert f'value="{media.public_id}"' not in content(response)


def test_staff_send_a_note_to_a_learner_chosen_from_faces(cast, client_for):
    client = client_for("instructor")
    form = client.get(BASE + f"notes/new/?to={cast.learner.pk}")
    page = content(form)
    assert f'value="{cast.learner.pk}" checked' in page
    assert f'value="{cast.other_learner.pk}"' in page
    assert f'value="{cast.ta.pk}"' not in page  # staff are not on the list
    response = client.post(
        BASE + "notes/new/",
        {"recipient": cast.learner.pk, "tone": Tone.CONGRATULATIONS, "body": "Well done!"},
    )
    note = Message.objects.get()
    assert response["Location"] == f"{BASE}{note.pk}/"
    assert (note.recipient, note.kind, note.tone) == (
        cast.learner,
        MessageKind.NOTE,
        Tone.CONGRATULATIONS,
    )


def test_note_to_someone_outside_the_learner_list_is_refused(cast, client_for):
    response = client_for("instructor").post(
        BASE + "notes/new/", {"recipient": cast.outsider.pk, "tone": Tone.OTHER, "body": "Hi"}
    )
    assert "Choose one of the course" in errors_of(response)
    assert not Message.objects.exists()


def test_feedback_with_a_link_that_is_not_http_gets_a_clear_message(cast, client_for):
    response = client_for("instructor").post(
        BASE + "feedback/new/",
        {
            "recipient": cast.learner.pk,
            "assignment_url": "javascript:alert(1)",
            "body": "Nice",
        },
    )
    assert response.status_code == 200
    assert "starts with http:// or https://" in errors_of(response)
    assert not Message.objects.exists()


def test_staff_give_feedback(cast, client_for):
    response = client_for("ta").post(
        BASE + "feedback/new/",
        {
            "recipient": cast.learner.pk,
            "assignment_title": "Watershed map",
            "assignment_url": "https://lms.example.edu/a/1",
            "went_well": "Clear",
            "next_step": "Legend",
        },
    )
    feedback = Message.objects.get()
    assert response.status_code == 302
    assert feedback.assignment_url == "https://lms.example.edu/a/1"


def test_compose_from_a_template_fills_in_the_words(cast, client_for, note_template):
    response = client_for("instructor").get(BASE + f"notes/new/?template={note_template.pk}")
    assert "Hi {preferred_name}, I hope {goal} is going well." in content(response)


# --- templates -------------------------------------------------------------------------------


def test_staff_make_and_list_templates(cast, client_for):
    client = client_for("ta")
    response = client.post(
        BASE + "templates/new/",
        {"name": "Cheer", "kind": MessageKind.NOTE, "body": "Go {preferred_name}!"},
    )
    assert response["Location"] == BASE + "templates/"
    assert "Cheer" in content(client.get(BASE + "templates/"))
    assert MessageTemplate.objects.get().owner == cast.ta


def test_template_edit_is_for_its_owner_only(cast, client_for, note_template):
    url = BASE + f"templates/{note_template.pk}/edit/"
    assert client_for("ta").get(url).status_code == 404
    assert client_for("ta").post(url, {"name": "x", "kind": "note", "body": "y"}).status_code == 404
    response = client_for("instructor").post(url, {"name": "Renamed", "kind": "note", "body": "y"})
    assert response.status_code == 302
    note_template.refresh_from_db()
    assert note_template.name == "Renamed"


def test_template_delete(cast, client_for, note_template):
    url = BASE + f"templates/{note_template.pk}/delete/"
    assert client_for("ta").post(url).status_code == 404
    assert client_for("instructor").post(url).status_code == 302
    assert not MessageTemplate.objects.exists()


def test_send_a_template_to_several_learners_after_reviewing_each(cast, client_for, note_template):
    client = client_for("ta")  # any staff may use the team's templates
    url = BASE + f"templates/{note_template.pk}/send/"
    assert client.get(url).status_code == 200
    review = client.post(
        url,
        {
            "step": "review",
            "learners": [cast.learner.pk, cast.other_learner.pk],
            "tone": Tone.THINKING_OF_YOU,
        },
    )
    assert review.templates[0].name == "presence/template_review.html"
    page = content(review)
    assert "Hi Learner, I hope is going well." in page
    assert "Hi Other_Learner, I hope is going well." in page
    assert f'name="body_{cast.learner.pk}"' in page
    sent = client.post(
        url,
        {
            "step": "send",
            "tone": Tone.THINKING_OF_YOU,
            "learner": [cast.learner.pk, cast.other_learner.pk],
            f"body_{cast.learner.pk}": "Hi Learner, edited just for you.",
            f"body_{cast.other_learner.pk}": "Hi {preferred_name}, as written.",
        },
    )
    assert sent.status_code == 302
    bodies = dict(Message.objects.values_list("recipient", "body"))
    assert bodies == {
        cast.learner.pk: "Hi Learner, edited just for you.",
        cast.other_learner.pk: "Hi Other_Learner, as written.",
    }
    assert set(Message.objects.values_list("author", flat=True)) == {cast.ta.pk}


def test_choosing_nobody_is_told_so(cast, client_for, note_template):
    url = BASE + f"templates/{note_template.pk}/send/"
    response = client_for("instructor").post(url, {"step": "review", "tone": Tone.OTHER})
    assert "Choose at least one learner." in content(response)


def test_an_empty_reviewed_note_sends_none(cast, client_for, note_template):
    url = BASE + f"templates/{note_template.pk}/send/"
    response = client_for("instructor").post(
        url,
        {
            "step": "send",
            "tone": Tone.OTHER,
            "learner": [cast.learner.pk, cast.other_learner.pk],
            f"body_{cast.learner.pk}": "Hi",
            f"body_{cast.other_learner.pk}": "",
        },
    )
    assert response.status_code == 200
    assert "Write something for Other_Learner." in content(response)
    assert not Message.objects.exists()
