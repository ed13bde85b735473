"""The radar's staff pages, and a learner's own connections, cost the same number of
queries for 50 learners as for 500."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from rapport.core.testing.queries import count_queries, grown
from rapport.radar.testing import big_course

pytestmark = pytest.mark.django_db

PAGES = ["radar:radar", "radar:network"]
LABELS = [*PAGES, "radar:my_connections"]


def _counts(client, learners: int) -> list[int]:
    slug = f"radar-{learners}"
    course = big_course(learners=learners, touchpoints=learners * 20, now=timezone.now(), slug=slug)
    people = get_user_model().objects
    client.force_login(people.get(email=f"{slug}-staff-0@example.test"))
    counts = [count_queries(client, reverse(page, args=[course.slug])) for page in PAGES]
    client.force_login(people.get(email=f"{slug}-learner-1@example.test"))
    url = reverse("radar:my_connections", args=[course.slug])
    return [*counts, count_queries(client, url)]


def test_the_radar_pages_stay_flat_from_50_to_500_learners(client):
    small, large = _counts(client, 50), _counts(client, 500)
    assert not grown(LABELS, small, large)
