"""Anonymous results wait for SURVEY_ANONYMOUS_MIN_ANSWERS answers and then grow only in
whole batches, so staff can never tell what the person who just answered said."""

import pytest
from django.utils import timezone

from rapport.courses.models import Role
from rapport.factories import MembershipFactory, UserFactory
from rapport.surveys import services
from rapport.surveys.results import survey_results
from rapport.surveys.tests.test_views_results import csv_rows, text, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(cast):
    others = [UserFactory() for _ in range(10)]
    for person in others:
        MembershipFactory(course=cast.course, user=person, role=Role.LEARNER)
    return [cast.learner, cast.other_learner, *others]


def _send(survey, q, person, scale):
    services.answers_send(survey=survey, user=person, values={q["scale"].pk: scale})


def _shown(survey) -> int:
    results = survey_results(survey=survey, now=timezone.now())
    return results.summaries[0].answered


def test_results_wait_for_five_answers_and_say_so(cast, client_for, pace, many):
    survey, q = pace
    for person in many[:3]:
        _send(survey, q, person, 5)
    page = text(client_for("instructor").get(url("results", survey)))
    assert "Results appear once 5 people have answered; 3 so far." in page
    assert "Average" not in page
    assert csv_rows(client_for("instructor").get(url("export", survey))) == [
        ["Response", "How is the pace?", "Anything else?"]
    ]


def test_shown_answers_move_only_in_whole_batches(cast, pace, many):
    survey, q = pace
    shown = []
    for person in many[:12]:
        _send(survey, q, person, 3)
        shown.append(_shown(survey))
    assert shown == [0, 0, 0, 0, 5, 5, 5, 5, 5, 10, 10, 10]


def test_one_new_answer_changes_nothing_staff_can_see(cast, client_for, pace, many):
    survey, q = pace
    for person in many[:5]:
        _send(survey, q, person, 3)
    client = client_for("instructor")
    before = text(client.get(url("results", survey)))
    _send(survey, q, many[5], 1)  # someone who finds the pace far too slow
    after = text(client.get(url("results", survey)))
    assert "Average <strong>3.0</strong>" in before and "Average <strong>3.0</strong>" in after
    assert "1 waiting" in after
    assert csv_rows(client.get(url("export", survey)))[1:] == [
        [str(n), "3 of 5", ""] for n in range(1, 6)
    ]


def test_the_threshold_is_a_setting(cast, client_for, pace, many, settings):
    settings.SURVEY_ANONYMOUS_MIN_ANSWERS = 2
    survey, q = pace
    _send(survey, q, many[0], 4)
    page = text(client_for("instructor").get(url("results", survey)))
    assert "Results appear once 2 people have answered; 1 so far." in page
    _send(survey, q, many[1], 2)
    assert _shown(survey) == 2


def test_named_surveys_show_every_answer_at_once(cast, client_for, intro_answered):
    page = text(client_for("instructor").get(url("results", intro_answered)))
    assert "Results appear once" not in page
    assert "Understand wildfire smoke." in page
