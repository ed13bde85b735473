"""The belonging pulse pages for staff: the rhythm form, the class trend (chart and table),
the weeks beside the practices (described, not a cause), each learner's latest answers and
one learner's own trend — and the care plan page; staff reading learners' answers there
leave rows in the audit log. Who may open them is in the role matrix."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from rapport.core.kinds import TouchpointKind as K
from rapport.core.models import SensitiveRead
from rapport.core.testing.queries import count_queries, grown
from rapport.core.touchpoints import record
from rapport.courses.models import Role
from rapport.factories import MembershipFactory, UserFactory
from rapport.surveys import pulse, services
from rapport.surveys.models import PulseSchedule, Survey, SurveyKind

pytestmark = pytest.mark.django_db

# A Monday afternoon in Chicago (the cast's course zone).
START = dt.datetime(2026, 11, 2, 18, 0, tzinfo=dt.UTC)


def url(cast, name="radar:pulse", **kwargs):
    return reverse(name, kwargs={"course_slug": cast.course.slug, **kwargs})


def answer(survey, user, values):
    by_key = {q.key: q.pk for q in survey.questions.all()}
    services.answers_send(
        survey=survey,
        user=user,
        values={by_key[k]: v for k, v in zip(pulse.KEYS, values, strict=True)},
    )


def asks_for_help(course, learner, *, ago=dt.timedelta(hours=5)):
    record(
        course=course,
        kind=K.HELP_REQUESTED,
        actor=learner,
        subject=learner,
        occurred_at=dt.datetime.now(dt.UTC) - ago,
    )


@pytest.fixture
def answered(cast, django_capture_on_commit_callbacks):
    """Two weekly rounds; the practices of the first week in the ledger."""
    with time_machine.travel(START, tick=False), django_capture_on_commit_callbacks(execute=True):
        services.pulse_schedule_save(
            course=cast.course, actor=cast.instructor, enabled=True, every_weeks=1
        )
        first = Survey.objects.get(kind=SurveyKind.PULSE)
        answer(first, cast.learner, (5, 4, 3))
        answer(first, cast.other_learner, (3, 2, 1))
        for learner in (cast.learner, cast.other_learner):
            record(
                course=cast.course,
                kind=K.PERSONAL_MESSAGE,
                actor=cast.instructor,
                subject=learner,
                occurred_at=START,
            )
        record(
            course=cast.course,
            kind=K.SHOUTOUT,
            actor=cast.learner,
            subject=cast.other_learner,
            occurred_at=START,
        )
    later = START + dt.timedelta(weeks=1)
    with time_machine.travel(later, tick=False), django_capture_on_commit_callbacks(execute=True):
        services.pulse_rounds_open()
        second = Survey.objects.filter(kind=SurveyKind.PULSE).latest("pk")
        answer(second, cast.learner, (2, 2, 1))
    return first, second


def test_the_class_page_shows_the_trend_beside_the_practices(cast, client, answered):
    client.force_login(cast.instructor)
    with time_machine.travel(START + dt.timedelta(weeks=1, hours=2), tick=False):
        page = " ".join(client.get(url(cast)).content.decode().split())
    assert 'role="img"' in page and "<script" not in page.split("<svg", 1)[1].split("</svg>")[0]
    assert "Belonging pulse: class means per round" in page
    # The rounds table: first round means 4, 3, 2 with 2 of 2 answered; the second 2, 2, 1.
    assert '"row">2 Nov</th> <td>4</td><td>3</td><td>2</td> <td>2 of 2</td>' in page
    assert '"row">9 Nov</th> <td>2</td><td>2</td><td>1</td> <td>1 of 2</td>' in page
    # The weeks beside the practices, said plainly to be no cause.
    assert "not a cause" in page
    assert (
        '"row">2 Nov</th> <td>4.0</td><td>3.0</td><td>2.0</td> '
        "<td>2 × sent a personal message, 1 × gave a shout-out</td>" in page
    )
    # Each learner's latest answers, linking to their own trend.
    assert url(cast, "radar:pulse_learner", user_id=cast.other_learner.pk) in page


def test_turning_the_pulse_on_from_the_page(cast, client):
    client.force_login(cast.ta)
    response = client.post(url(cast), {"enabled": "on", "every_weeks": "3"})
    assert response.status_code == 302
    schedule = PulseSchedule.objects.get(course=cast.course)
    assert schedule.enabled and schedule.every_weeks == 3
    assert Survey.objects.filter(course=cast.course, kind=SurveyKind.PULSE).count() == 1


def test_a_bad_rhythm_gets_a_message_and_saves_nothing(cast, client):
    client.force_login(cast.instructor)
    response = client.post(url(cast), {"enabled": "on", "every_weeks": "9"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not PulseSchedule.objects.exists()
    assert not Survey.objects.filter(kind=SurveyKind.PULSE).exists()


def test_a_learners_page_shows_their_answers_and_no_one_elses(cast, client, answered):
    client.force_login(cast.instructor)
    page = client.get(url(cast, "radar:pulse_learner", user_id=cast.learner.pk)).content.decode()
    assert "Learner's belonging pulse" in page
    assert "<td>5</td><td>4</td><td>3</td>" in page and "<td>2</td><td>2</td><td>1</td>" in page
    assert "<td>3</td><td>2</td><td>1</td>" not in page  # the other learner's first answers


def test_only_learners_of_this_course_have_a_pulse_page(cast, client):
    client.force_login(cast.instructor)
    for person in (cast.ta, cast.outsider):
        response = client.get(url(cast, "radar:pulse_learner", user_id=person.pk))
        assert response.status_code == 404


def test_the_class_page_costs_the_same_queries_for_more_learners(cast, client, answered):
    client.force_login(cast.instructor)
    small = count_queries(client, url(cast))
    survey = answered[1]
    for _ in range(5):
        learner = UserFactory()
        MembershipFactory(course=cast.course, user=learner, role=Role.LEARNER)
        with time_machine.travel(survey.opens_at, tick=False):
            answer(survey, learner, (4, 4, 4))
    large = count_queries(client, url(cast))
    assert not grown(["pulse"], [small], [large])


def test_the_care_plan_page_shows_the_plan(cast, client):
    asks_for_help(cast.course, cast.learner, ago=dt.timedelta(days=1))
    client.force_login(cast.ta)
    page = client.get(url(cast, "radar:care_plan")).content.decode()
    assert "My care plan this week" in page
    assert "Reach out (" in page and "Follow up on Learner" in page
    assert "To celebrate" in page and "Posts waiting for a reply (0)" in page
    assert "By you, last 7 days" in page


def test_the_radar_page_links_to_the_care_plan_and_the_pulse(cast, client):
    client.force_login(cast.instructor)
    page = client.get(url(cast, "radar:radar")).content.decode()
    assert url(cast, "radar:care_plan") in page and url(cast) in page


def test_the_care_plan_costs_the_same_queries_for_more_learners(cast, client):
    client.force_login(cast.instructor)
    plan = url(cast, "radar:care_plan")
    # Someone on the list from the start, so both measurements audit the list they show.
    asks_for_help(cast.course, cast.learner)
    small = count_queries(client, plan)
    for _ in range(5):
        learner = UserFactory()
        MembershipFactory(course=cast.course, user=learner, role=Role.LEARNER)
        asks_for_help(cast.course, learner)
    large = count_queries(client, plan)
    assert not grown(["care plan"], [small], [large])


def test_a_big_classs_latest_answers_are_read_a_page_at_a_time(cast, client):
    from rapport.radar.views import PULSE_LEARNERS_PER_PAGE

    for n in range(PULSE_LEARNERS_PER_PAGE):
        MembershipFactory(
            course=cast.course, user=UserFactory(preferred_name=f"Zia {n:02d}"), role=Role.LEARNER
        )
    client.force_login(cast.instructor)
    first = client.get(url(cast)).content.decode()
    table = first.split('id="pulse-learners-heading"')[1]
    assert table.count("<tr>") == PULSE_LEARNERS_PER_PAGE + 1  # and the head
    assert "Page 1 of 2" in table and 'href="?page=2"' in table
    second = client.get(url(cast), {"page": 2}).content.decode()
    rows = second.split('id="pulse-learners-heading"')[1]
    assert rows.count("<tr>") == 3 and "Zia 48" in rows and "Zia 49" in rows


def pulse_reads() -> set:
    return {(r.viewer, r.learner) for r in SensitiveRead.objects.filter(kind="pulse")}


@pytest.mark.parametrize("role", ["instructor", "ta"])
def test_the_class_page_records_each_learner_whose_answers_it_shows(cast, client, answered, role):
    silent = UserFactory()
    MembershipFactory(course=cast.course, user=silent, role=Role.LEARNER)
    viewer = cast.by_role(role)
    client.force_login(viewer)
    assert client.get(url(cast)).status_code == 200
    # The one who has not answered shows only "Not answered yet": nothing of theirs is read.
    assert pulse_reads() == {(viewer, cast.learner), (viewer, cast.other_learner)}
    assert set(SensitiveRead.objects.values_list("kind", flat=True)) == {"pulse"}


def test_a_learners_pulse_page_records_their_answers_once_they_have_some(cast, client, answered):
    silent = UserFactory()
    MembershipFactory(course=cast.course, user=silent, role=Role.LEARNER)
    client.force_login(cast.ta)
    assert client.get(url(cast, "radar:pulse_learner", user_id=silent.pk)).status_code == 200
    assert not SensitiveRead.objects.exists()
    client.get(url(cast, "radar:pulse_learner", user_id=cast.learner.pk))
    assert pulse_reads() == {(cast.ta, cast.learner)}
    assert SensitiveRead.objects.get().page == url(
        cast, "radar:pulse_learner", user_id=cast.learner.pk
    )


def test_learners_reach_no_pulse_page_and_leave_nothing_in_the_log(cast, client, answered):
    client.force_login(cast.learner)
    for page in (url(cast), url(cast, "radar:pulse_learner", user_id=cast.learner.pk)):
        assert client.get(page).status_code == 404
    assert not SensitiveRead.objects.exists()
