"""The radar's pages write to the audit log what they show of learners' private things: the
reach-out list with its reasons (on the radar and the care plan) and every learner's
indicators in the download — one row a learner, one statement a kind, for either staff
role; a learner leaves nothing. A long reach-out list is shown, and so recorded, a page at
a time, and the care plan names its first occasions to celebrate."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rapport.community.checkins.testing import add_learners
from rapport.core.models import SensitiveRead
from rapport.knowing.services import personal_milestone_share
from rapport.radar.models import DecisionKind, DecisionReason, ReachOutDecision
from rapport.radar.testing import learners_drifting

pytestmark = pytest.mark.django_db


def url(cast, name: str) -> str:
    return reverse(name, kwargs={"course_slug": cast.course.slug})


def reads() -> set:
    return {(r.viewer, r.learner, r.kind) for r in SensitiveRead.objects.all()}


@pytest.mark.parametrize("role", ["instructor", "ta"])
@pytest.mark.parametrize("page", ["radar:radar", "radar:care_plan"])
def test_the_reach_out_list_records_each_learner_it_gives_reasons_for(
    drifting, client_for, role, page
):
    viewer = drifting.by_role(role)
    response = client_for(role).get(url(drifting, page))
    assert response.status_code == 200
    assert "No personal contact yet" in response.content.decode()
    assert reads() == {
        (viewer, drifting.learner, "radar"),
        (viewer, drifting.other_learner, "radar"),
    }
    assert {r.page for r in SensitiveRead.objects.all()} == {url(drifting, page)}


def test_a_learner_set_aside_is_named_on_the_radar_without_reasons_and_not_recorded(
    drifting, client_for
):
    ReachOutDecision.objects.create(
        course=drifting.course,
        learner=drifting.other_learner,
        decided_by=drifting.instructor,
        kind=DecisionKind.SNOOZE,
        reason=DecisionReason.AWAY,
        until=timezone.now() + timedelta(days=7),
    )
    client_for("ta").get(url(drifting, "radar:radar"))
    assert reads() == {(drifting.ta, drifting.learner, "radar")}


def test_nobody_on_the_list_records_nothing(cast, client_for):
    # Learners who joined today: no signal yet, so the list is empty.
    assert client_for("instructor").get(url(cast, "radar:radar")).status_code == 200
    assert not SensitiveRead.objects.exists()


@pytest.mark.parametrize("role", ["instructor", "ta"])
def test_the_indicators_download_records_every_learner_in_it(cast, client_for, role):
    response = client_for(role).get(url(cast, "radar:indicators_csv"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).count(b"\n") == 3  # the header and two
    viewer = cast.by_role(role)
    assert reads() == {
        (viewer, cast.learner, "radar_indicators"),
        (viewer, cast.other_learner, "radar_indicators"),
    }


def test_a_big_list_is_recorded_in_one_statement(cast, client_for):
    add_learners(cast.course, 30)
    learners_drifting(cast)
    with CaptureQueriesContext(connection) as context:
        response = client_for("instructor").get(url(cast, "radar:radar"))
    table = SensitiveRead._meta.db_table
    inserts = [q for q in context.captured_queries if f'INSERT INTO "{table}"' in q["sql"]]
    assert len(inserts) == 1
    shown = {item.user.pk for item in response.context["week"].to_reach}
    assert len(shown) == 32
    assert set(SensitiveRead.objects.values_list("learner_id", flat=True)) == shown


def test_a_learner_leaves_nothing_in_the_log(drifting, client_for):
    client = client_for("learner")
    for page in ("radar:radar", "radar:care_plan", "radar:indicators_csv"):
        assert client.get(url(drifting, page)).status_code == 404
    assert client.get(url(drifting, "radar:my_connections")).status_code == 200
    assert not SensitiveRead.objects.exists()


@pytest.mark.parametrize("page", ["radar:radar", "radar:care_plan"])
def test_a_long_reach_out_list_is_shown_and_recorded_a_page_at_a_time(
    cast, client_for, monkeypatch, page
):
    monkeypatch.setattr("rapport.radar.views.REACH_OUT_PER_PAGE", 10)
    add_learners(cast.course, 20)
    learners_drifting(cast)
    client = client_for("instructor")
    first = client.get(url(cast, page))
    everyone = [item.user.pk for item in first.context["page"].paginator.object_list]
    assert len(everyone) == 22
    assert [item.user.pk for item in first.context["page"]] == everyone[:10]
    assert "Page 1 of 3" in first.content.decode()
    assert set(SensitiveRead.objects.values_list("learner_id", flat=True)) == set(everyone[:10])
    last = client.get(url(cast, page) + "?page=3")
    assert [item.user.pk for item in last.context["page"]] == everyone[20:]
    assert set(SensitiveRead.objects.values_list("learner_id", flat=True)) == set(
        everyone[:10] + everyone[20:]
    )


def test_the_care_plan_names_its_first_occasions_and_sends_to_the_rest(
    cast, client_for, monkeypatch
):
    monkeypatch.setattr("rapport.radar.views.CELEBRATIONS_SHOWN", 2)
    for number in range(3):
        personal_milestone_share(
            course=cast.course,
            user=cast.learner,
            text=f"Finished book {number}",
            happened_on=timezone.localdate(),
        )
    page = client_for("ta").get(url(cast, "radar:care_plan")).content.decode()
    assert "To celebrate (3)" in page
    assert page.count("Finished book") == 2
    assert "All 3, and celebrate them" in page
