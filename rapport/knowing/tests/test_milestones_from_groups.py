"""The milestones to celebrate, worked out from the grouped ledger the staff home reads once,
are the ones the three ledger queries find on their own."""

from datetime import UTC, datetime, timedelta

import pytest

from rapport.core import ledger_pass
from rapport.core.kinds import TouchpointKind
from rapport.core.ledger_pass import WEEK, grouped
from rapport.core.models import Touchpoint
from rapport.knowing.selectors.ledger import ledger_occasions
from rapport.knowing.selectors.people import learner_memberships
from rapport.radar.testing import big_course

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 18, 15, 30, 12, 654321, tzinfo=UTC)


def _found(occasions) -> set[tuple]:
    return {(o.kind, o.learner.pk, o.when.replace(microsecond=0)) for o in occasions}


@pytest.mark.parametrize("since", [NOW - WEEK, NOW - timedelta(days=3), None])
@pytest.mark.parametrize("week_bits", [ledger_pass.WEEK_BITS, 2], ids=["packed", "too-big"])
def test_the_grouped_ledger_finds_the_same_milestones_as_the_queries(since, week_bits, monkeypatch):
    # Two bits a week: a learner with four posts or more is counted again group by group,
    # and a group of four moments or more comes counted one week at a time.
    monkeypatch.setattr(ledger_pass, "WEEK_BITS", week_bits)
    # Few moments over a long term, so firsts and fifth check-ins fall in every week.
    course = big_course(learners=60, touchpoints=1500, now=NOW, slug="milestones")
    learners = {m.user_id: m for m in learner_memberships(course=course)}
    groups = grouped(course, NOW, weeks=5, mood_weeks=3)
    from_groups = ledger_occasions(course, learners, None, NOW, since, groups)
    from_queries = ledger_occasions(course, learners, None, NOW, since)
    assert _found(from_groups) == _found(from_queries)
    assert {o.kind for o in from_queries} >= {"first_reply", "five_checkins"}


def test_a_first_post_within_the_second_a_week_ago_counts_only_if_it_is_since_then():
    # Both posts fall in the whole second of "a week ago", which the grouped ledger counts
    # as the week before: one just after that moment, one just before.
    course = big_course(learners=2, touchpoints=0, now=NOW, slug="milestone-edge")
    since = NOW - WEEK
    after, before = learner_memberships(course=course)
    for membership, at in (
        (after, since + timedelta(microseconds=100)),
        (before, since - timedelta(microseconds=100)),
    ):
        Touchpoint.objects.create(
            course=course,
            actor=membership.user,
            subject=membership.user,
            kind=TouchpointKind.TOPIC_STARTED,
            occurred_at=at,
        )
    learners = {after.user_id: after, before.user_id: before}
    groups = grouped(course, NOW, weeks=5, mood_weeks=3)
    from_groups = ledger_occasions(course, learners, None, NOW, since, groups)
    assert _found(from_groups) == _found(ledger_occasions(course, learners, None, NOW, since))
    assert {(o.kind, o.learner.pk) for o in from_groups} == {("first_post", after.user_id)}


def test_a_learner_with_too_many_posts_to_pack_is_counted_exactly(monkeypatch):
    # Two bits a week: five old posts make a group too big to pack and a learner counted
    # again group by group; their first reply to a classmate, two days ago, still counts.
    monkeypatch.setattr(ledger_pass, "WEEK_BITS", 2)
    course = big_course(learners=2, touchpoints=0, now=NOW, slug="milestone-many")
    poster, classmate = learner_memberships(course=course)
    for days_ago in (20, 21, 22, 23, 24):
        Touchpoint.objects.create(
            course=course,
            actor=poster.user,
            subject=poster.user,
            kind=TouchpointKind.TOPIC_STARTED,
            occurred_at=NOW - timedelta(days=days_ago),
        )
    Touchpoint.objects.create(
        course=course,
        actor=poster.user,
        subject=classmate.user,
        kind=TouchpointKind.POST_REPLY,
        occurred_at=NOW - timedelta(days=2),
    )
    learners = {poster.user_id: poster, classmate.user_id: classmate}
    groups = grouped(course, NOW, weeks=5, mood_weeks=3)
    from_groups = ledger_occasions(course, learners, None, NOW, NOW - WEEK, groups)
    assert _found(from_groups) == _found(ledger_occasions(course, learners, None, NOW, NOW - WEEK))
    assert {(o.kind, o.learner.pk) for o in from_groups} == {("first_reply", poster.user_id)}
