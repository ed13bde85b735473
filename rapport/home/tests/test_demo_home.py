"""On the demo, the staff home's reach-out list starts with the learners the seed made
drift (Liam, Wei, Dmitri), for the seed's reasons, each with one action ready."""

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from rapport.accounts.models import User
from rapport.core.testing.shared_data import module_data
from rapport.demo.people import INSTRUCTOR
from rapport.demo.testing import a_saturday_noon, demo_course_at

pytestmark = pytest.mark.django_db

NOW = a_saturday_noon()

demo_course = module_data(lambda: demo_course_at(NOW), name="demo_course")


def test_the_instructor_sees_the_drifting_learners_first_with_the_seeds_reasons(demo_course):
    client = Client()
    with time_machine.travel(NOW, tick=False):
        client.force_login(User.objects.get(email=INSTRUCTOR.email))
        response = client.get(reverse("home:course", args=[demo_course.slug]))
    assert response.status_code == 200
    top = response.context["home"].reach_out[:3]
    assert [item.user.preferred_name for item, _ in top] == ["Liam", "Wei", "Dmitri"]
    for item, action in top:
        assert "no classmate has replied to them yet" in item.reasons
        assert action.url.startswith(reverse("presence:note_new", args=[demo_course.slug]))
    content = response.content.decode()
    assert content.index("Liam") < content.index("Help requests waiting")
