"""``seeded_demo``: a demo built earlier in the run is reused within the same minute of the
clock only, since the demo's rounds and releases turn over on the minute."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection, transaction

from rapport.core.testing import snapshots
from rapport.core.testing.snapshots import KEPT_ON, SNAPSHOTS
from rapport.demo import testing
from rapport.demo.build import SeedResult

pytestmark = pytest.mark.django_db
START = datetime(2027, 3, 10, 14, 59, 20, tzinfo=UTC)


@pytest.fixture
def builds(monkeypatch):
    monkeypatch.setattr(snapshots, "SHARED_FOLDER", None)  # these builds are make-believe
    made = []
    monkeypatch.setattr(testing, "seed_demo", lambda **kwargs: made.append(kwargs) or SeedResult())
    yield made
    for key in [k for k in SNAPSHOTS if k[0][0] == "seed_demo" and k[0][1] >= START]:
        del SNAPSHOTS[key]


def seeded_at(moment: datetime) -> testing.SeededDemo:
    sid = transaction.savepoint()
    with time_machine.travel(moment, tick=False):
        seeded = testing.seeded_demo()
    transaction.savepoint_rollback(sid)
    return seeded


def test_reused_within_the_minute_and_built_again_in_the_next(builds):
    first = seeded_at(START)
    again = seeded_at(START + timedelta(seconds=30))
    later = seeded_at(START + timedelta(seconds=45))  # 15:00:05, past the turn of the minute
    expected = 2 if connection.vendor in KEPT_ON else 3  # other databases always build
    assert len(builds) == expected
    assert first.now == again.now == START or connection.vendor not in KEPT_ON
    assert later.now == START + timedelta(seconds=45)
