"""Course milestones read from the ledger (and the course's dates), never stored."""

import datetime as dt
from datetime import timedelta

import pytest
from django.utils import timezone

from rapport.core.kinds import TouchpointKind
from rapport.courses.models import MembershipStatus, Role
from rapport.factories import MembershipFactory, UserFactory
from rapport.knowing.selectors import milestones as m
from rapport.knowing.selectors.ledger import halfway_moment
from rapport.knowing.tests.test_cards_helpers import touch

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 20, 15, 0, tzinfo=dt.UTC)


def reached(course, *, now=NOW, since=None, learner_id=None) -> dict:
    found = m.occasions(course=course, now=now, since=since, learner_id=learner_id)
    return {(o.learner.display_name, o.key): o.when for o in found if o.kind != m.PERSONAL}


def ago(days: float) -> dt.datetime:
    return NOW - timedelta(days=days)


def test_first_post_is_the_first_topic_or_reply_by_the_learner(cast):
    touch(
        cast.course, kind=TouchpointKind.POST_REPLY, actor=cast.learner, subject=cast.ta, at=ago(5)
    )
    touch(cast.course, kind=TouchpointKind.TOPIC_STARTED, actor=cast.learner, at=ago(3))
    touch(cast.course, kind=TouchpointKind.TOPIC_STARTED, actor=cast.other_learner, at=ago(1))
    found = reached(cast.course)
    assert found[("Learner", m.FIRST_POST)] == ago(5)
    assert found[("Other_Learner", m.FIRST_POST)] == ago(1)


def test_staff_posts_and_other_courses_do_not_count(cast):
    touch(cast.course, kind=TouchpointKind.TOPIC_STARTED, actor=cast.instructor, at=ago(2))
    MembershipFactory(course=cast.other_course, user=cast.learner, role=Role.LEARNER)
    touch(cast.other_course, kind=TouchpointKind.TOPIC_STARTED, actor=cast.learner, at=ago(2))
    assert reached(cast.course) == {}


def test_first_reply_to_a_classmate_skips_replies_to_staff_and_to_oneself(cast):
    touch(
        cast.course, kind=TouchpointKind.POST_REPLY, actor=cast.learner, subject=cast.ta, at=ago(6)
    )
    touch(
        cast.course,
        kind=TouchpointKind.POST_REPLY,
        actor=cast.learner,
        subject=cast.learner,
        at=ago(5),
    )
    touch(
        cast.course,
        kind=TouchpointKind.POST_REPLY,
        actor=cast.learner,
        subject=cast.other_learner,
        at=ago(4),
    )
    touch(
        cast.course,
        kind=TouchpointKind.POST_REPLY,
        actor=cast.learner,
        subject=cast.other_learner,
        at=ago(2),
    )
    found = reached(cast.course)
    assert found[("Learner", m.FIRST_REPLY)] == ago(4)
    assert ("Other_Learner", m.FIRST_REPLY) not in found


def test_a_reply_to_a_classmate_who_has_since_left_still_counts(cast):
    cast.course.memberships.filter(user=cast.other_learner).update(status=MembershipStatus.LEFT)
    touch(
        cast.course,
        kind=TouchpointKind.POST_REPLY,
        actor=cast.learner,
        subject=cast.other_learner,
        at=ago(1),
    )
    assert ("Learner", m.FIRST_REPLY) in reached(cast.course)


def test_five_check_ins_watched_is_reached_at_the_fifth(cast):
    for day in (9, 8, 7, 6):
        touch(
            cast.course,
            kind=TouchpointKind.CHECKIN_WATCHED,
            actor=cast.learner,
            subject=cast.instructor,
            at=ago(day),
        )
    assert ("Learner", m.FIVE_CHECKINS) not in reached(cast.course)
    touch(
        cast.course,
        kind=TouchpointKind.CHECKIN_WATCHED,
        actor=cast.learner,
        subject=cast.instructor,
        at=ago(2),
    )
    touch(
        cast.course,
        kind=TouchpointKind.CHECKIN_WATCHED,
        actor=cast.learner,
        subject=cast.instructor,
        at=ago(1),
    )
    assert reached(cast.course)[("Learner", m.FIVE_CHECKINS)] == ago(2)


def test_halfway_comes_from_the_course_dates(cast):
    cast.course.starts_on = dt.date(2026, 10, 1)
    cast.course.ends_on = dt.date(2026, 12, 31)
    cast.course.save()
    cast.course.memberships.update(joined_at=dt.datetime(2026, 10, 1, tzinfo=dt.UTC))
    halfway = halfway_moment(cast.course)
    assert halfway.date() == dt.date(2026, 11, 15)
    assert halfway.tzinfo.key == "America/Chicago"
    found = reached(cast.course)
    assert found[("Learner", m.HALFWAY)] == halfway
    assert found[("Other_Learner", m.HALFWAY)] == halfway
    # Not yet halfway a week earlier.
    assert ("Learner", m.HALFWAY) not in reached(cast.course, now=ago(7))


def test_someone_who_joined_after_halfway_did_not_reach_it(cast):
    cast.course.starts_on, cast.course.ends_on = dt.date(2026, 10, 1), dt.date(2026, 12, 31)
    cast.course.save()
    late = UserFactory(preferred_name="Late")
    MembershipFactory(course=cast.course, user=late, role=Role.LEARNER, joined_at=ago(1))
    assert ("Late", m.HALFWAY) not in reached(cast.course)


def test_no_dates_no_halfway(cast):
    cast.course.starts_on = cast.course.ends_on = None
    cast.course.save()
    assert halfway_moment(cast.course) is None


def test_since_keeps_only_milestones_first_reached_in_the_window(cast):
    touch(cast.course, kind=TouchpointKind.TOPIC_STARTED, actor=cast.learner, at=ago(20))
    touch(cast.course, kind=TouchpointKind.TOPIC_STARTED, actor=cast.learner, at=ago(1))
    touch(cast.course, kind=TouchpointKind.TOPIC_STARTED, actor=cast.other_learner, at=ago(2))
    found = reached(cast.course, since=ago(7))
    assert ("Learner", m.FIRST_POST) not in found  # their first was 20 days ago
    assert ("Other_Learner", m.FIRST_POST) in found


def test_former_learners_have_no_occasions(cast):
    touch(cast.course, kind=TouchpointKind.TOPIC_STARTED, actor=cast.learner, at=ago(1))
    cast.course.memberships.filter(user=cast.learner).update(status=MembershipStatus.REMOVED)
    assert reached(cast.course) == {}


def test_one_learners_milestones(cast):
    touch(cast.course, kind=TouchpointKind.TOPIC_STARTED, actor=cast.learner, at=ago(1))
    touch(cast.course, kind=TouchpointKind.TOPIC_STARTED, actor=cast.other_learner, at=ago(1))
    found = reached(cast.course, learner_id=cast.learner.pk)
    assert list(found) == [("Learner", m.FIRST_POST)]


def test_module_finished_gives_each_active_learner_a_milestone(cast):
    from rapport.knowing import services

    cast.course.memberships.filter(user=cast.other_learner).update(status=MembershipStatus.LEFT)
    marker, count = services.module_mark_finished(
        course=cast.course, marked_by=cast.ta, title="Week 4: wetlands", now=ago(1)
    )
    assert count == 1
    found = reached(cast.course)
    assert found == {("Learner", f"module:{marker.pk}"): ago(1)}


def test_occasions_come_with_a_warm_prefilled_note(cast):
    touch(cast.course, kind=TouchpointKind.TOPIC_STARTED, actor=cast.learner, at=timezone.now())
    occasion = m.occasions(course=cast.course, now=timezone.now())[0]
    assert occasion.prefill.startswith("Learner, I loved seeing your first post")
