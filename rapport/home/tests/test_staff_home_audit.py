"""The staff home writes to the audit log what it shows of learners' private things: the
learners on "Reach out this week" (their reasons) and those in "Help requests waiting" —
only those shown, one statement a kind, for either staff role; a learner's home leaves
nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rapport.community.checkins.services import mood_record
from rapport.community.checkins.testing import add_learners
from rapport.core.models import SensitiveRead
from rapport.home.selectors import REACH_OUT_SHOWN
from rapport.radar.testing import learners_drifting

pytestmark = pytest.mark.django_db

HOME = "/c/env-sci/"


def reads() -> set:
    return {(r.viewer, r.learner, r.kind) for r in SensitiveRead.objects.all()}


@pytest.mark.parametrize("role", ["instructor", "ta"])
def test_staff_home_records_the_reach_out_list_and_the_help_requests(drifting, client_for, role):
    mood_record(course=drifting.course, learner=drifting.learner, score=2, wants_help=True)
    viewer = drifting.by_role(role)
    response = client_for(role).get(HOME)
    assert response.status_code == 200
    assert "Asked for help on" in response.content.decode()
    assert reads() == {
        (viewer, drifting.learner, "radar"),
        (viewer, drifting.other_learner, "radar"),
        (viewer, drifting.learner, "help_requests"),
    }
    assert {r.page for r in SensitiveRead.objects.all()} == {HOME}


def test_only_the_learners_the_home_shows_are_recorded_in_one_statement_a_kind(cast, client_for):
    add_learners(cast.course, REACH_OUT_SHOWN + 2)
    learners_drifting(cast)
    mood_record(course=cast.course, learner=cast.learner, score=2, wants_help=True)
    with CaptureQueriesContext(connection) as context:
        response = client_for("instructor").get(HOME)
    home = response.context["home"]
    assert home.reach_out_count > len(home.reach_out) == REACH_OUT_SHOWN
    shown = {item.user.pk for item, _ in home.reach_out}
    radar = SensitiveRead.objects.filter(kind="radar")
    assert set(radar.values_list("learner_id", flat=True)) == shown
    assert list(SensitiveRead.objects.filter(kind="help_requests").values_list("learner_id")) == [
        (cast.learner.pk,)
    ]
    table = SensitiveRead._meta.db_table
    inserts = [q for q in context.captured_queries if f'INSERT INTO "{table}"' in q["sql"]]
    assert len(inserts) == 2


def test_a_home_with_nobody_to_reach_records_nothing(cast, client_for):
    # Learners who joined today: no signal, no help request, nothing of theirs shown.
    assert client_for("ta").get(HOME).status_code == 200
    assert not SensitiveRead.objects.exists()


def test_a_learners_home_records_nothing(drifting, client_for):
    mood_record(course=drifting.course, learner=drifting.learner, score=2, wants_help=True)
    response = client_for("learner").get(HOME)
    assert response.templates[0].name == "home/learner.html"
    assert not SensitiveRead.objects.exists()
