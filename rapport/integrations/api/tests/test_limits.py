"""Each token's budget per minute (reads and writes apart, 429 with Retry-After), and the
number of queries each list costs, the same however big the course grows."""

import pytest
import time_machine
from django.utils import timezone

from rapport.core import touchpoints
from rapport.core.kinds import TouchpointKind
from rapport.core.testing.caches import clear_own_cache
from rapport.core.testing.queries import count_queries, grown
from rapport.courses.models import Role
from rapport.factories import MembershipFactory
from rapport.integrations.api.testing import api_url, bearer, token_make

LISTS = [
    "/courses",
    "/courses/env-sci",
    "/courses/env-sci/members",
    "/courses/env-sci/touchpoints",
    "/courses/env-sci/radar",
]


@pytest.fixture(autouse=True)
def _fresh_counters():
    clear_own_cache()
    yield
    clear_own_cache()


def _shoutout(cast):
    return {"receiver_id": cast.learner.pk, "message": "Great question today!"}


def test_reads_past_the_limit_wait_for_the_next_minute(cast, client, settings):
    settings.API_READS_PER_MINUTE = 3
    secret = token_make(cast.instructor, cast.course)
    with time_machine.travel("2027-03-01 10:00:20Z", tick=False) as traveller:
        for _ in range(3):
            assert client.get(api_url("/courses"), **bearer(secret)).status_code == 200
        response = client.get(api_url("/courses"), **bearer(secret))
        assert response.status_code == 429
        assert response["Retry-After"] == "40"
        assert response.json()["error"]["code"] == "rate_limited"
        # Writes have their own budget; another token has its own.
        url = api_url("/courses/env-sci/shoutouts")
        sent = client.post(url, _shoutout(cast), content_type="application/json", **bearer(secret))
        assert sent.status_code == 201
        other = token_make(cast.instructor, cast.course, name="Another")
        assert client.get(api_url("/courses"), **bearer(other)).status_code == 200
        traveller.move_to("2027-03-01 10:01:00Z")
        assert client.get(api_url("/courses"), **bearer(secret)).status_code == 200


def test_writes_past_the_limit_are_refused_before_anything_is_saved(cast, client, settings):
    settings.API_WRITES_PER_MINUTE = 1
    secret = token_make(cast.ta, cast.course)
    url = api_url("/courses/env-sci/shoutouts")
    with time_machine.travel("2027-03-01 10:00:00Z", tick=False):
        first = client.post(url, _shoutout(cast), content_type="application/json", **bearer(secret))
        second = client.post(
            url, _shoutout(cast), content_type="application/json", **bearer(secret)
        )
    assert (first.status_code, second.status_code) == (201, 429)
    assert second["Retry-After"] == "60"
    assert client.get(api_url("/courses"), **bearer(secret)).status_code == 200


def _grow(cast, learners: int) -> None:
    for _ in range(learners):
        membership = MembershipFactory(course=cast.course, role=Role.LEARNER)
        for kind in (TouchpointKind.PERSONAL_MESSAGE, TouchpointKind.SHOUTOUT):
            touchpoints.record(
                course=cast.course,
                kind=kind,
                actor=cast.instructor,
                subject=membership.user,
                occurred_at=timezone.now(),
            )


@pytest.mark.parametrize("role", ["instructor", "learner"])
def test_query_counts_stay_flat_as_the_course_grows(role, cast, client):
    secret = token_make(getattr(cast, role), cast.course)
    statuses = (200, 404)

    def counts():
        return [
            count_queries(client, api_url(path), statuses=statuses, **bearer(secret))
            for path in LISTS
        ]

    small = counts()
    _grow(cast, 12)
    large = counts()
    assert not grown(LISTS, small, large)
