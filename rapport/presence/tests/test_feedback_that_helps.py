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
