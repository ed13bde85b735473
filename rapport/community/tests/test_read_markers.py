"""Opening a topic in the web server writes nothing during the request: the reader's marker
is noted in memory and written with others a moment later, in one transaction."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rapport.community.discussions import read_markers, selectors
from rapport.community.discussions.testing import opening, reply, start
from rapport.community.models.discussions import TopicRead

pytestmark = pytest.mark.django_db

BASE = "/c/env-sci/discussions/"
WRITES = ("INSERT", "UPDATE", "DELETE", "SAVEPOINT", "BEGIN", "REPLACE")


@pytest.fixture
def buffered(monkeypatch):
    """Markers noted as in the web server; the timer is left out (the test flushes)."""
    monkeypatch.setattr(read_markers, "_buffering", True)
    monkeypatch.setattr(read_markers, "FLUSH_SECONDS", 3600)
    yield
    timer = read_markers._timer
    if timer is not None:
        timer.cancel()
    read_markers.take()


def test_opening_a_topic_writes_nothing_until_the_flush(cast, client_for, buffered):
    topic = start(cast.course, cast.ta)
    answer = reply(opening(topic), cast.other_learner, body="zzfirst answer")
    client = client_for("learner")
    client.get(f"{BASE}{topic.pk}/")  # sign-in bookkeeping, if any, happens before
    TopicRead.objects.filter(topic=topic).delete()
    read_markers.take()

    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{BASE}{topic.pk}/")
    assert response.status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
    assert writes == []
    assert not TopicRead.objects.filter(topic=topic, user=cast.learner).exists()
    # The page and the next ones read the noted marker meanwhile.
    assert selectors.last_read_post_id(topic=topic, user=cast.learner) == answer.pk

    assert read_markers.flush() == 1
    assert TopicRead.objects.get(topic=topic, user=cast.learner).last_read_post_id == answer.pk
    assert read_markers.flush() == 0


def test_a_flush_only_moves_markers_forward_and_writes_many_at_once(cast, buffered):
    first, second = start(cast.course, cast.ta), start(cast.course, cast.ta)
    TopicRead.objects.create(topic=first, user=cast.learner, last_read_post_id=50)
    read_markers.note(topic_id=first.pk, user_id=cast.learner.pk, marker=40)  # behind: kept
    read_markers.note(topic_id=second.pk, user_id=cast.learner.pk, marker=7)
    read_markers.note(topic_id=second.pk, user_id=cast.learner.pk, marker=5)  # behind 7

    with CaptureQueriesContext(connection) as queries:
        assert read_markers.flush() == 2
    assert sum(q["sql"].startswith("SAVEPOINT") for q in queries) == 1  # one transaction
    stored = dict(
        TopicRead.objects.filter(user=cast.learner).values_list("topic", "last_read_post_id")
    )
    assert stored == {first.pk: 50, second.pk: 7}


def test_an_unchanged_marker_is_not_written_again(cast, client_for):
    topic = start(cast.course, cast.ta)
    client = client_for("learner")
    client.get(f"{BASE}{topic.pk}/")
    with CaptureQueriesContext(connection) as queries:
        client.get(f"{BASE}{topic.pk}/")
    assert not [
        q
        for q in queries
        if "community_topicread" in q["sql"] and q["sql"].startswith(("INSERT", "UPDATE"))
    ]
    assert (
        TopicRead.objects.get(topic=topic, user=cast.learner).last_read_post_id == opening(topic).pk
    )
