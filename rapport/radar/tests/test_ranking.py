"""The reach-out list: order, reasons, next steps, who is off the list — and the page, the
CSV and the command around it."""

import csv
import io
import json
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from rapport.core.kinds import TouchpointKind as K
from rapport.factories import UserFactory
from rapport.radar.ranking import reach_out_list
from rapport.radar.tests.ledgers import NOW, checkin, joined, moment

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(cast):
    joined(cast.course, cast.learner, cast.other_learner, cast.instructor, cast.ta)
    for person in (cast.learner, cast.other_learner):
        moment(cast.course, K.SURVEY_ANSWERED, person, person, days=30)
        moment(cast.course, K.MOOD_CHECKIN, person, person, days=3, value=4)
        moment(
            cast.course,
            K.SHOUTOUT,
            person,
            cast.other_learner if person == cast.learner else cast.learner,
            days=20,
        )
    return cast.course


def test_reasons_and_order(course, cast):
    moment(course, K.PERSONAL_MESSAGE, cast.instructor, cast.learner, days=16.5)
    moment(course, K.PERSONAL_MESSAGE, cast.instructor, cast.other_learner, days=2)
    moment(course, K.TOPIC_STARTED, cast.learner, days=5)
    for days in (13, 6):
        checkin(course, cast.instructor, days=days, target=UserFactory())
    [item] = reach_out_list(course=course, now=NOW)
    assert item.user == cast.learner and item.rank == 1
    assert item.reasons == [
        "no personal contact in 16 days",
        "no classmate has replied to them yet",
        "has not opened the last two check-ins",
    ]
    assert item.points == 3 + 2 + 2


def test_an_open_help_request_comes_first_and_a_follow_up_takes_them_off(course, cast):
    moment(course, K.PERSONAL_MESSAGE, cast.instructor, cast.learner, days=30)
    moment(course, K.HELP_REQUESTED, cast.other_learner, cast.other_learner, days=2)
    moment(course, K.PERSONAL_MESSAGE, cast.instructor, cast.other_learner, days=1)
    items = reach_out_list(course=course, now=NOW)
    # 5 points for the request beat 3 for thirty days without a personal contact.
    assert [(item.user, item.points) for item in items] == [
        (cast.other_learner, 5),
        (cast.learner, 3),
    ]
    moment(course, K.HELP_FOLLOWED_UP, cast.ta, cast.other_learner, days=0.5)
    assert [item.user for item in reach_out_list(course=course, now=NOW)] == [cast.learner]


def test_next_step_fits_their_feedback_style(course, cast):
    from rapport.radar.indicators import course_indicators
    from rapport.radar.ranking import next_step
    from rapport.surveys.intro import IntroAnswers

    [learner] = [i for i in course_indicators(course=course, now=NOW) if i.user == cast.learner]
    spoken = next_step(learner, IntroAnswers(feedback_style=["Spoken"]))
    assert spoken.startswith("Record a 30-second video")
    written = next_step(
        learner, IntroAnswers(feedback_style=["Written"], channel="Email", interests=["birds"])
    )
    assert written == "Send Learner a warm note from a template (Email suits them). Mention birds."


def test_the_page_lists_reasons_for_staff(course, cast, client_for):
    moment(course, K.TOPIC_STARTED, cast.learner, days=5)
    moment(course, K.HELP_REQUESTED, cast.learner, cast.learner, days=2)
    with time_machine.travel(NOW, tick=False):
        page = client_for("ta").get(reverse("radar:radar", args=[course.slug]))
    text = page.content.decode()
    assert "No classmate has replied to them yet" in text
    assert "Attention equity" in text


def test_the_indicators_csv_has_a_row_per_learner_and_neutralises_formulas(
    course, cast, client_for
):
    cast.learner.preferred_name = "=HYPERLINK(1)"
    cast.learner.save()
    with time_machine.travel(NOW, tick=False):
        response = client_for("instructor").get(reverse("radar:indicators_csv", args=[course.slug]))
    body = b"".join(response.streaming_content).decode().lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert {row["email"] for row in rows} == {cast.learner.email, cast.other_learner.email}
    mine = next(row for row in rows if row["email"] == cast.learner.email)
    assert mine["name"] == "'=HYPERLINK(1)"
    assert mine["intro_survey_answered"] == "yes"
    assert "Has not opened" not in mine["in_words"]


def test_the_command_refuses_an_unknown_course(course):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No course"):
        call_command("radar", "nope", "--json", stdout=StringIO())


def test_the_command_json_is_in_rank_order(course, cast):
    moment(course, K.HELP_REQUESTED, cast.other_learner, cast.other_learner, days=2)
    moment(course, K.TOPIC_STARTED, cast.learner, days=5)
    moment(course, K.PERSONAL_MESSAGE, cast.instructor, cast.learner, days=20)
    out = StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("radar", course.slug, "--json", stdout=out)
    items = json.loads(out.getvalue())
    assert [(i["email"], i["rank"]) for i in items] == [
        (cast.other_learner.email, 1),
        (cast.learner.email, 2),
    ]
    assert items[1]["reasons"] == [
        "no personal contact in 20 days",
        "no classmate has replied to them yet",
    ]
