import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rapport.core import touchpoints
from rapport.core.enums import Channel
from rapport.core.epoch import epoch_seconds
from rapport.core.kinds import TouchpointKind
from rapport.core.models import Touchpoint
from rapport.courses.models import Membership

pytestmark = pytest.mark.django_db


def test_record_links_the_moment_to_its_object(cast):
    membership = Membership.objects.get(course=cast.course, user=cast.learner)
    point = touchpoints.record(
        course=cast.course,
        kind=TouchpointKind.COURSE_JOINED,
        actor=cast.learner,
        subject=cast.learner,
        target=membership,
    )
    point.refresh_from_db()
    assert point.target == membership
    assert point.channel == Channel.SYSTEM


def test_broadcasts_have_no_subject(cast):
    point = touchpoints.record(
        course=cast.course, kind=TouchpointKind.COURSE_JOINED, actor=cast.instructor
    )
    assert point.subject is None


@pytest.mark.parametrize("field,value", [("kind", "hug"), ("channel", "carrier-pigeon")])
def test_unknown_kinds_and_channels_are_refused(cast, field, value):
    arguments = {"course": cast.course, "kind": TouchpointKind.COURSE_JOINED, field: value}
    with pytest.raises(ValueError):
        touchpoints.record(**arguments)
    assert not Touchpoint.objects.exists()


def test_latest_per_subject_is_one_query_whatever_the_course_size(cast):
    base = dt.datetime(2026, 11, 2, tzinfo=dt.UTC)
    for days, person in [(1, cast.learner), (5, cast.learner), (3, cast.other_learner)]:
        touchpoints.record(
            course=cast.course,
            kind=TouchpointKind.COURSE_JOINED,
            subject=person,
            occurred_at=base + dt.timedelta(days=days),
        )
    with CaptureQueriesContext(connection) as queries:
        latest = touchpoints.latest_per_subject(
            course=cast.course, kind=TouchpointKind.COURSE_JOINED
        )
    assert len(queries) == 1
    assert latest == {
        cast.learner.pk: base + dt.timedelta(days=5),
        cast.other_learner.pk: base + dt.timedelta(days=3),
    }


def test_the_ledger_is_indexed_for_its_two_questions():
    indexed = {tuple(index.fields) for index in Touchpoint._meta.indexes}
    assert ("course", "subject", "kind", "-occurred_at") in indexed
    assert ("course", "occurred_at") in indexed


def test_record_many_writes_every_moment_in_one_insert_with_its_epoch(cast):
    at = dt.datetime(2026, 11, 2, 9, 30, 59, 999999, tzinfo=dt.UTC)
    moments = [
        {"course": cast.course, "kind": TouchpointKind.COURSE_JOINED, "actor": person}
        for person in (cast.learner, cast.other_learner)
    ]
    moments.append({**moments[0], "occurred_at": at, "target": cast.course})
    ContentType.objects.get_for_model(cast.course)  # cached, as it is in a running server
    with CaptureQueriesContext(connection) as queries:
        points = touchpoints.record_many(moments)
    assert len(queries) == 1 and len(points) == 3
    for point in Touchpoint.objects.all():
        assert point.occurred_epoch == epoch_seconds(point.occurred_at)
    assert Touchpoint.objects.get(occurred_at=at).occurred_epoch == epoch_seconds(at)
    assert touchpoints.recorded_by(
        kind=TouchpointKind.COURSE_JOINED,
        targets=[cast.course, cast.other_course],
        actor_ids=[cast.learner.pk, cast.other_learner.pk],
    ) == {(str(cast.course.pk), cast.learner.pk)}


@pytest.mark.parametrize("field,value", [("kind", "hug"), ("channel", "carrier-pigeon")])
def test_record_many_refuses_an_unknown_kind_or_channel_and_writes_nothing(cast, field, value):
    good = {"course": cast.course, "kind": TouchpointKind.COURSE_JOINED}
    with pytest.raises(ValueError):
        touchpoints.record_many([good, {**good, field: value}])
    assert not Touchpoint.objects.exists()


def test_forget_takes_back_only_that_kind_on_those_objects(cast):
    memberships = list(Membership.objects.filter(course=cast.course).order_by("pk")[:2])
    for membership in memberships:
        for kind in (TouchpointKind.EVENT_ATTENDED, TouchpointKind.COURSE_JOINED):
            touchpoints.record(
                course=cast.course, kind=kind, actor=membership.user, target=membership
            )
    assert touchpoints.forget(kind=TouchpointKind.EVENT_ATTENDED, targets=memberships[:1]) == 1
    left = Touchpoint.objects.filter(object_type=ContentType.objects.get_for_model(Membership))
    assert sorted(left.values_list("kind", "object_id")) == sorted(
        [
            (TouchpointKind.COURSE_JOINED, str(memberships[0].pk)),
            (TouchpointKind.COURSE_JOINED, str(memberships[1].pk)),
            (TouchpointKind.EVENT_ATTENDED, str(memberships[1].pk)),
        ]
    )
    assert touchpoints.forget(kind=TouchpointKind.EVENT_ATTENDED, targets=[]) == 0
