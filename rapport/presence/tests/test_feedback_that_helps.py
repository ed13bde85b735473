"""Where feedback is written, staff see the learner's "Feedback that helps" answer."""

import pytest

from rapport.surveys.testing import survey_answered_by

pytestmark = pytest.mark.django_db

FEEDBACK_NEW = "/c/env-sci/messages/feedback/new/"


def test_the_chosen_learners_feedback_style_is_shown(cast, client_for):
    survey_answered_by(cast.learner, course=cast.course)
    page = client_for("ta").get(FEEDBACK_NEW + f"?to={cast.learner.pk}").content.decode()
    callout = page.split('id="feedback-that-helps"')[1].split("</p>")[0]
    assert "Feedback that helps" in callout
    assert "Gentle, Written" in callout


def test_the_picker_shows_each_learners_feedback_style(cast, client_for):
    survey_answered_by(cast.learner, course=cast.course)
    page = client_for("instructor").get(FEEDBACK_NEW).content.decode()
    assert "Feedback that helps: Gentle, Written" in page
    assert "Feedback that helps: not answered yet" in page  # the other learner


def test_a_learner_who_has_not_answered_is_said_so(cast, client_for):
    page = client_for("instructor").get(FEEDBACK_NEW + f"?to={cast.other_learner.pk}")
    callout = page.content.decode().split('id="feedback-that-helps"')[1].split("</p>")[0]
    assert "hasn’t said yet what kind of feedback helps them" in callout


def test_a_failed_post_keeps_showing_the_chosen_learners_style(cast, client_for):
    survey_answered_by(cast.learner, course=cast.course)
    page = client_for("instructor").post(FEEDBACK_NEW, {"recipient": cast.learner.pk})
    callout = page.content.decode().split('id="feedback-that-helps"')[1].split("</p>")[0]
    assert "Gentle, Written" in callout


def test_a_big_class_is_one_list_of_names_keeping_the_choice(cast, client_for):
    from django.urls import reverse

    from rapport.courses.models import Role
    from rapport.factories import MembershipFactory, UserFactory

    for n in range(40):
        MembershipFactory(
            course=cast.course, user=UserFactory(preferred_name=f"Ola {n:02d}"), role=Role.LEARNER
        )
    client = client_for("instructor")
    page = client.get(FEEDBACK_NEW, {"to": cast.learner.pk}).content.decode()
    assert 'class="picker__list"' not in page and page.count('<select name="recipient"') == 1
    assert f'<option value="{cast.learner.pk}" selected>Learner — feedback that helps' in page
    assert page.count("<option value=") >= 42
    note = client.get(reverse("presence:note_new", args=["env-sci"])).content.decode()
    assert '<select name="recipient"' in note and "feedback that helps" not in note
