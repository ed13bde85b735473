"""Where signing in lands: a learner on their course's home (the last one visited when
they have several); staff, and anyone with an invitation waiting or no course, on the
course list — where "Create a course" is the main button only for those who teach."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rapport.courses.models import Invitation, Membership, Role
from rapport.courses.services.visits import VISIT_RESOLUTION
from rapport.factories import CourseFactory, MembershipFactory

pytestmark = pytest.mark.django_db

START = "/start/"


def test_a_learner_with_one_course_lands_on_its_home(cast, client_for):
    response = client_for("learner").get(START)
    assert response.status_code == 302 and response["Location"] == "/c/env-sci/"


def test_a_learner_with_several_courses_lands_on_the_last_one_visited(cast, client_for):
    poetry = cast.other_course
    MembershipFactory(course=poetry, user=cast.learner, role=Role.LEARNER)
    client = client_for("learner")
    client.get("/c/poetry/")
    assert client.get(START)["Location"] == "/c/poetry/"
    Membership.objects.filter(course=cast.course, user=cast.learner).update(
        last_visited_at=timezone.now() + timedelta(minutes=1)
    )
    assert client.get(START)["Location"] == "/c/env-sci/"


def test_staff_keep_the_course_list(cast, client_for):
    assert client_for("ta").get(START)["Location"] == reverse("courses:dashboard")


def test_a_waiting_invitation_or_no_course_means_the_course_list(cast, client_for, db):
    Invitation.objects.create(course=CourseFactory(slug="maths"), email=cast.learner.email)
    assert client_for("learner").get(START)["Location"] == reverse("courses:dashboard")


def test_signing_in_goes_through_the_landing(cast, client):
    cast.learner.set_password("correct-horse-battery")
    cast.learner.save()
    response = client.post(
        reverse("account_login"),
        {"login": cast.learner.email, "password": "correct-horse-battery"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/c/env-sci/"


def test_create_a_course_is_the_main_button_only_for_those_who_teach(cast, client_for):
    learner_page = client_for("learner").get(reverse("courses:dashboard")).content.decode()
    assert f'<a class="button" href="{reverse("courses:join")}">Join a course</a>' in learner_page
    assert f'<a class="button" href="{reverse("courses:create")}">' not in learner_page
    staff_page = client_for("instructor").get(reverse("courses:dashboard")).content.decode()
    assert f'<a class="button" href="{reverse("courses:create")}">' in staff_page


def test_going_back_and_forth_between_courses_lands_on_the_last_one(cast, client_for):
    """Within minutes, in any order: each switch of course is written."""
    MembershipFactory(course=cast.other_course, user=cast.learner, role=Role.LEARNER)
    client = client_for("learner")
    start = timezone.now()
    for minutes, slug in enumerate(["env-sci", "poetry", "env-sci", "poetry", "env-sci"]):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            client.get(f"/c/{slug}/")
            assert client.get(START)["Location"] == f"/c/{slug}/"


def test_a_repeat_visit_to_the_same_course_within_minutes_writes_nothing(cast, client_for):
    """A whole class opening its home at once should not queue for SQLite's write lock."""
    client = client_for("learner")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.get("/c/env-sci/")
    for later in (timedelta(minutes=1), VISIT_RESOLUTION - timedelta(seconds=1)):
        with time_machine.travel(start + later, tick=False), CaptureQueriesContext(connection) as q:
            assert client.get("/c/env-sci/").status_code == 200
        sql = [query["sql"] for query in q.captured_queries]
        assert not [s for s in sql if s.startswith(("UPDATE", "INSERT", "DELETE"))], sql
    with time_machine.travel(start + VISIT_RESOLUTION, tick=False):
        client.get("/c/env-sci/")
    visited = Membership.objects.get(course=cast.course, user=cast.learner).last_visited_at
    assert visited == start + VISIT_RESOLUTION
