"""Check-in pages cost the same number of queries with 10 learners or check-ins as with
300."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rapport.community.checkins.testing import (
    add_learners,
    bulk_answers,
    bulk_moods,
    prompt_open,
)
from rapport.core.models import SensitiveRead
from rapport.core.testing.queries import count_queries

pytestmark = pytest.mark.django_db


def class_of(cast, size: int):
    """``size`` learners, each with 3 check-ins and an answer with a reply to one prompt."""
    learners = add_learners(cast.course, size)
    bulk_moods(cast.course, learners, per_learner=3)
    prompt = prompt_open(cast)
    bulk_answers(prompt, learners, replies_from=cast.ta)
    return prompt


@pytest.mark.parametrize(
    "role,page",
    [
        ("instructor", lambda cast, prompt: reverse("community:mood_overview", args=["env-sci"])),
        (
            "ta",
            lambda cast, prompt: reverse("community:mood_overview", args=["env-sci"]) + "?page=2",
        ),
        ("ta", lambda cast, prompt: reverse("community:reflections", args=["env-sci"])),
        (
            "ta",
            lambda cast, prompt: reverse("community:reflection_prompt", args=["env-sci", prompt]),
        ),
        (
            "instructor",
            lambda cast, prompt: (
                reverse("community:reflection_prompt", args=["env-sci", prompt]) + "?page=2"
            ),
        ),
    ],
)
def test_class_pages_cost_the_same_with_10_and_300_learners(cast, client_for, role, page):
    prompt = class_of(cast, 10)
    client = client_for(role)
    small = count_queries(client, page(cast, prompt.pk))
    more = add_learners(cast.course, 290)
    bulk_moods(cast.course, more, per_learner=3)
    bulk_answers(prompt, more, replies_from=cast.instructor)
    assert count_queries(client, page(cast, prompt.pk)) == small


def test_the_overview_audit_names_all_300_learners_in_one_statement(cast, client_for):
    class_of(cast, 300)
    client = client_for("instructor")
    with CaptureQueriesContext(connection) as context:
        client.get(reverse("community:mood_overview", args=["env-sci"]))
    table = SensitiveRead._meta.db_table
    inserts = [q for q in context.captured_queries if q["sql"].startswith("INSERT")]
    audit = [q for q in inserts if table in q["sql"]]
    # one for the moods shown, one for the help requests shown
    assert len(audit) == len(inserts) == 2
    assert SensitiveRead.objects.filter(kind="mood_overview").count() == 300


@pytest.mark.parametrize("role", ["learner", "instructor"])
def test_a_mood_history_costs_the_same_with_10_and_300_checkins(cast, client_for, role):
    bulk_moods(cast.course, [cast.learner], per_learner=10)
    client = client_for(role)
    if role == "learner":
        url = reverse("community:mood", args=["env-sci"])
    else:
        url = reverse("community:mood_learner", args=["env-sci", cast.learner.pk])
    small = count_queries(client, url)
    bulk_moods(cast.course, [cast.learner], per_learner=290)
    assert count_queries(client, url) == small


def test_a_learners_reflections_cost_the_same_with_2_and_12_prompts(cast, client_for):
    learners = [cast.learner]
    for week in range(2):
        bulk_answers(prompt_open(cast, text=f"Week {week}"), learners, replies_from=cast.ta)
    client = client_for("learner")
    url = reverse("community:reflections", args=["env-sci"])
    small = count_queries(client, url)
    for week in range(2, 12):
        bulk_answers(prompt_open(cast, text=f"Week {week}"), learners, replies_from=cast.ta)
    assert count_queries(client, url) == small
