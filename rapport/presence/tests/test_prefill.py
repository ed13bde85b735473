"""A note or feedback opened from a link arrives ready: the learner chosen, words and tone
from the query string; once sent it goes back to ``next`` when that is on this site."""

import pytest
from django.urls import reverse

from rapport.presence.models import Tone

pytestmark = pytest.mark.django_db


def test_the_note_form_takes_learner_words_and_tone_from_the_link(cast, client_for):
    url = reverse("presence:note_new", args=[cast.course.slug])
    response = client_for("ta").get(
        url, {"to": cast.learner.pk, "body": "Hi {preferred_name}", "tone": Tone.NOTICED}
    )
    initial = response.context["form"].initial
    assert (initial["recipient"], initial["body"], initial["tone"]) == (
        cast.learner.pk,
        "Hi {preferred_name}",
        Tone.NOTICED,
    )


def test_an_unknown_tone_or_someone_outside_the_course_is_not_prefilled(cast, client_for):
    url = reverse("presence:note_new", args=[cast.course.slug])
    response = client_for("ta").get(url, {"to": cast.outsider.pk, "tone": "shouting"})
    initial = response.context["form"].initial
    assert "recipient" not in initial and "tone" not in initial


def test_a_sent_note_goes_back_to_next_on_this_site_only(cast, client_for):
    url = reverse("presence:note_new", args=[cast.course.slug])
    data = {"recipient": cast.learner.pk, "tone": Tone.THINKING_OF_YOU, "body": "Hi"}
    client = client_for("instructor")
    assert client.post(url, data | {"next": "/c/env-sci/"})["Location"] == "/c/env-sci/"
    elsewhere = client.post(url, data | {"next": "https://evil.example/"})["Location"]
    assert elsewhere.startswith("/c/env-sci/messages/")


def test_feedback_form_keeps_next_for_its_post(cast, client_for):
    url = reverse("presence:feedback_new", args=[cast.course.slug])
    page = client_for("instructor").get(url, {"to": cast.learner.pk, "next": "/c/env-sci/"})
    assert 'name="next" value="/c/env-sci/"' in page.content.decode()
