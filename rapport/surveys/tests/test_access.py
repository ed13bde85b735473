"""The privacy of each learner's survey answers. Who may reach which survey page is in the
shared role matrix (rapport/core/tests/test_role_matrix.py)."""

from html import unescape

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def page(client, survey) -> str:
    url = reverse("surveys:answer", args=[survey.course.slug, survey.pk])
    return unescape(client.get(url).content.decode())


def test_learners_never_see_each_others_answers(cast, client_for, intro_answered):
    theirs = page(client_for("other_learner"), intro_answered)
    assert "Understand wildfire smoke." not in theirs
    assert "Night shifts." not in theirs
    mine = page(client_for("learner"), intro_answered)
    assert "Understand wildfire smoke." in mine and "Night shifts." in mine


def test_staff_of_another_course_never_reach_the_answers(cast, client_for, intro_answered):
    client = client_for("outsider")
    for name in ("results", "export", "answer", "edit"):
        url = reverse(f"surveys:{name}", args=[cast.course.slug, intro_answered.pk])
        assert client.get(url).status_code == 404
    # Not even through their own course's address.
    url = reverse("surveys:results", args=[cast.other_course.slug, intro_answered.pk])
    assert client.get(url).status_code == 404


def test_a_question_of_another_survey_is_not_found(cast, client_for, intro_answered, pace):
    survey, questions = pace
    url = reverse(
        "surveys:answer_question", args=["env-sci", intro_answered.pk, questions["scale"].pk]
    )
    assert client_for("learner").post(url, {}).status_code == 404
