"""The radar's one pass over a course's ledger (weeks sorted by integer arithmetic, packed
counts) says what the question-by-question selectors say, on a big random ledger; and the
ledger's whole-second copy of each moment always agrees with the moment."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError, transaction

from rapport.core import ledger_pass
from rapport.core.epoch import EpochSeconds, epoch_seconds
from rapport.core.kinds import TouchpointKind as K
from rapport.core.models import Touchpoint
from rapport.radar import ledger
from rapport.radar.testing import big_course

pytestmark = pytest.mark.django_db

# Not on a whole second, so whole-second arithmetic is put to the test.
NOW = datetime(2026, 11, 18, 15, 30, 12, 654321, tzinfo=UTC)


@pytest.fixture
def course():
    course = big_course(learners=40, touchpoints=4000, now=NOW, slug="one-pass")
    # The term began within the ledger, so "this term" leaves some contacts out.
    course.starts_on = (NOW - timedelta(days=30)).date()
    course.save(update_fields=["starts_on"])
    return course


def _weeks(row: dict) -> list[int]:
    return [row.get(f"week_{k}", 0) for k in range(ledger.BASELINE_WEEKS + 1)]


def test_the_pass_agrees_with_each_question_asked_on_its_own(course):
    reading = ledger.read(course, NOW)

    contacts = {(c.staff_id, c.learner_id): c for c in reading.contacts}
    expected = {}
    for learner_id in reading.members.learners:
        for contact in ledger.personal_contacts(course, NOW, learner_id=learner_id):
            expected[contact.staff_id, contact.learner_id] = contact
    assert contacts.keys() == expected.keys() and len(contacts) > 40
    for key, contact in expected.items():
        got = contacts[key]
        assert (got.this_term, got.last_7_days, got.previous_7_days, got.last_14_days) == (
            contact.this_term,
            contact.last_7_days,
            contact.previous_7_days,
            contact.last_14_days,
        )
        assert got.latest == contact.latest.replace(microsecond=0)
    # ... and the term, which began within the ledger, left some of them out.
    personal = Touchpoint.objects.filter(
        course=course,
        kind__in=ledger.PERSONAL_STAFF_KINDS,
        actor_id__in=reading.members.staff,
        subject_id__in=reading.members.learners,
    )
    assert 0 < sum(c.this_term for c in contacts.values()) < personal.count()

    assert sorted(reading.pairs) == sorted(ledger.peer_pairs(course, NOW))

    activity = ledger.weekly_activity(course, NOW)
    assert reading.by_actor.keys() == activity.keys()
    for learner_id, row in activity.items():
        assert _weeks(reading.by_actor[learner_id]) == _weeks(row)
        assert reading.by_actor[learner_id]["posts"] == row["posts"]
    assert sum(sum(_weeks(row)) for row in activity.values()) > 1000


def test_groups_too_big_to_pack_are_counted_exactly(course, monkeypatch):
    packed = ledger.read(course, NOW)
    # Two bits a week: any group of four moments or more is counted again, one sum a week,
    # and a learner's weeks are summed as lists once they pass three moments.
    monkeypatch.setattr(ledger_pass, "WEEK_BITS", 2)
    exact = ledger.read(course, NOW)
    assert {a: _weeks(row) for a, row in exact.by_actor.items()} == {
        a: _weeks(row) for a, row in packed.by_actor.items()
    }
    assert sorted(exact.contacts, key=str) == sorted(packed.contacts, key=str)


def test_mood_weeks_are_the_means_of_each_week(cast):
    learner = cast.learner
    for days_ago, score in ((1, 2), (2, 4), (9, 5), (16, 1), (16.5, 2), (30, 5)):
        Touchpoint.objects.create(
            course=cast.course,
            actor=learner,
            subject=learner,
            kind=K.MOOD_CHECKIN,
            value=score,
            occurred_at=NOW - timedelta(days=days_ago),
        )
    reading = ledger.read(cast.course, NOW)
    assert reading.by_actor[learner.pk]["mood"] == [3.0, 5.0, 1.5]


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 3, 8, 7, 59, 59, 999999, tzinfo=UTC),
        datetime(2026, 11, 1, 6, 0, 0, tzinfo=UTC),
        datetime(1999, 12, 31, 23, 59, 59, 500000, tzinfo=UTC),
    ],
)
def test_the_database_and_python_agree_on_a_moments_second(cast, moment):
    touchpoint = Touchpoint.objects.create(
        course=cast.course, actor=cast.learner, kind=K.REFLECTION, occurred_at=moment
    )
    stored = (
        Touchpoint.objects.filter(pk=touchpoint.pk)
        .annotate(db=EpochSeconds("occurred_at"))
        .values_list("occurred_epoch", "db")
        .get()
    )
    assert stored == (epoch_seconds(moment), epoch_seconds(moment))


def test_the_database_refuses_a_moment_moved_without_its_second(cast):
    touchpoint = Touchpoint.objects.create(
        course=cast.course, actor=cast.learner, kind=K.REFLECTION, occurred_at=NOW
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Touchpoint.objects.filter(pk=touchpoint.pk).update(occurred_at=NOW - timedelta(days=3))
    saved = Touchpoint.objects.get(pk=touchpoint.pk)
    saved.occurred_at = NOW - timedelta(days=3)
    saved.save()
    stored = Touchpoint.objects.get(pk=touchpoint.pk).occurred_epoch
    assert stored == epoch_seconds(NOW - timedelta(days=3))
