"""Both homes cost the same number of queries for a small course as for a larger one, with
something on every card: people on the reach-out list (some set aside, some asking for
help), posts waiting, shout-outs, picks, check-ins read and unread, scheduled ones."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from rapport.community.checkins.services import mood_record
from rapport.community.discussions.testing import start
from rapport.community.shoutouts import services as shoutouts
from rapport.core.testing.queries import count_queries, grown
from rapport.courses.models import Membership, Role
from rapport.knowing.recommend.services import recommendation_send
from rapport.knowing.recommend.testing import resource_make
from rapport.presence import services as presence
from rapport.presence.models import Tone
from rapport.presence.tests.helpers import add_learners
from rapport.radar.models import DecisionKind, DecisionReason, ReachOutDecision

pytestmark = pytest.mark.django_db

HOME = "/c/env-sci/"


def grow(cast, count: int) -> None:
    course = cast.course
    shoutouts.shoutout_tags_ensure(course=course)
    tag = course.shoutout_tags.first()
    newcomers = add_learners(course, count)
    three_weeks_ago = timezone.now() - timedelta(days=21)
    Membership.objects.filter(course=course, role=Role.LEARNER).update(joined_at=three_weeks_ago)
    with time_machine.travel(timezone.now() - timedelta(days=2)):
        for index, learner in enumerate(newcomers):
            start(course, learner, title=f"Question {index}")
            if index % 3 == 0:
                mood_record(course=course, learner=learner, score=2, wants_help=True)
            shoutouts.shoutout_give(
                course=course,
                giver=learner,
                receiver_ids=[cast.learner.pk],
                tag_id=tag.pk,
                message=f"Thanks {index}",
            )
            recommendation_send(
                course=course,
                resource=resource_make(course, creator=cast.instructor, title=f"Read {index}"),
                learner=cast.learner,
                sender=cast.instructor,
            )
            presence.note_send(
                course=course,
                author=cast.ta,
                recipient=cast.learner,
                tone=Tone.OTHER,
                body=f"Note {index}",
            )
            checkin = presence.checkin_post(
                course=course, author=cast.instructor, title=f"Week {index}", body="Hi"
            )
            if index % 2:
                presence.message_open(message=checkin, user=learner)
    for index, learner in enumerate(newcomers[:2]):
        ReachOutDecision.objects.create(
            course=course,
            learner=learner,
            decided_by=cast.instructor,
            kind=DecisionKind.SNOOZE if index else DecisionKind.DISMISS,
            reason=DecisionReason.AWAY,
            until=timezone.now() + timedelta(days=7),
        )
    for index in range(count // 2):
        presence.checkin_post(
            course=course,
            author=cast.instructor,
            title=f"Later {index}",
            body="Soon",
            release_at=timezone.now() + timedelta(days=index + 1),
        )


def counts(cast, client_for) -> list[int]:
    return [
        count_queries(client_for("instructor"), HOME),
        count_queries(client_for("learner"), HOME),
    ]


def test_both_homes_cost_the_same_queries_for_a_small_and_a_larger_course(cast, client_for):
    grow(cast, 3)
    small = counts(cast, client_for)
    grow(cast, 9)
    large = counts(cast, client_for)
    assert not grown(["staff home", "learner home"], small, large)
    staff = client_for("instructor").get(HOME).context["home"]
    assert staff.reach_out and staff.help_waiting and staff.week.set_aside
    assert staff.waiting_posts and staff.checkin_reach.nudges and staff.scheduled
    learner = client_for("learner").get(HOME).context["home"]
    assert learner.latest_checkin and learner.unread and learner.shoutouts and learner.picks
