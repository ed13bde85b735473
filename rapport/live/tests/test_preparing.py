"""Preparing a live session from the host page: editing an unanswered activity's question
(and a poll's choices) checked as when adding, removing one (the screen moves on when it
was on screen), moving one up or down; answered activities, closed sessions and people
outside the teaching team change nothing."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from rapport.core.refusals import Refused
from rapport.live import broadcast, services
from rapport.live.models import Activity, ActivityKind, LiveSession
from rapport.live.services.preparing import ANSWERED
from rapport.live.testing import activity_make, member, session_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(cast):
    session = session_make(cast)
    activity_make(cast, session, prompt="One word for your week")
    activity_make(cast, session, ActivityKind.POLL, prompt="Pizza or pasta?")
    activity_make(cast, session, ActivityKind.SCALE, prompt="How ready do you feel?")
    return session


def _url(name, cast, session, activity):
    return reverse(f"live:{name}", args=[cast.course.slug, session.pk, activity.pk])


def _host(cast, session):
    return reverse("live:host", args=[cast.course.slug, session.pk])


def _prompts(session):
    return list(session.activities.values_list("prompt", flat=True))


def _positions(session):
    return list(session.activities.values_list("position", flat=True))


def _activity(session, prompt):
    return session.activities.get(prompt=prompt)


def _answer(cast, session, activity, value):
    services.activity_go(
        session=session, member=member(cast.instructor, cast.course), to=activity.pk
    )
    participant = services.participant_for_member(session=session, user=cast.learner)
    services.answer_give(activity=activity, participant=participant, value=value)


def _messages(response):
    """What the request said last (earlier requests' messages wait in the cookie)."""
    return [str(m) for m in get_messages(response.wsgi_request)][-1:]


def test_staff_edit_a_question_from_the_host_page(cast, client_for, session):
    word = _activity(session, "One word for your week")
    response = client_for("ta").post(
        _url("activity_edit", cast, session, word), {"prompt": "  One word for today "}
    )
    assert response.status_code == 302 and response.url == _host(cast, session)
    word.refresh_from_db()
    assert word.prompt == "One word for today" and word.choices == []
    assert _messages(response) == ["Changed: “One word for today”."]


def test_staff_edit_a_polls_choices(cast, client_for, session):
    poll = _activity(session, "Pizza or pasta?")
    client_for("instructor").post(
        _url("activity_edit", cast, session, poll),
        {"prompt": "Lunch?", "choices": "Pizza\n Soup \nPizza\nSalad"},
    )
    poll.refresh_from_db()
    assert (poll.prompt, poll.choices) == ("Lunch?", ["Pizza", "Soup", "Salad"])


def test_the_host_page_offers_each_change_in_forms(cast, client_for, session):
    page = client_for("instructor").get(_host(cast, session)).content.decode()
    poll = _activity(session, "Pizza or pasta?")
    assert _url("activity_edit", cast, session, poll) in page
    assert _url("activity_remove", cast, session, poll) in page
    assert _url("activity_move", cast, session, poll) in page
    assert page.count("<summary>Edit</summary>") == 3
    assert page.count(">Move up</button>") == 2 and page.count(">Move down</button>") == 2
    assert f'id="id_activity{poll.pk}_choices"' in page
    assert "Too slow\nAbout right\nToo fast" in page


@pytest.mark.parametrize(
    ("prompt", "fields", "message"),
    [
        ("Pizza or pasta?", {"prompt": "", "choices": "Pizza\nPasta"}, "Write the question."),
        ("Pizza or pasta?", {"prompt": "x" * 201}, "Keep the question under 200 characters."),
        (
            "Pizza or pasta?",
            {"prompt": "Lunch?", "choices": "Pizza\n\nPizza "},
            "A poll has 2 to 8 different choices.",
        ),
        ("One word for your week", {"prompt": "   "}, "Write the question."),
    ],
)
def test_bad_input_is_refused_as_when_adding_and_changes_nothing(
    cast, client_for, session, prompt, fields, message
):
    activity = _activity(session, prompt)
    before = (activity.prompt, activity.choices)
    response = client_for("instructor").post(_url("activity_edit", cast, session, activity), fields)
    assert response.status_code == 302
    assert _messages(response) == [message]
    activity.refresh_from_db()
    assert (activity.prompt, activity.choices) == before


def test_a_poll_with_one_choice_is_refused_by_the_service_too(cast, session):
    poll = _activity(session, "Pizza or pasta?")
    with pytest.raises(Refused, match="A poll has 2 to 8"):
        services.activity_edit(
            session=session,
            activity=poll,
            member=member(cast.ta, cast.course),
            prompt="Lunch?",
            choices=["Pizza"],
        )
    poll.refresh_from_db()
    assert poll.prompt == "Pizza or pasta?"


def test_an_answered_activity_is_neither_edited_nor_removed(cast, client_for, session):
    word = _activity(session, "One word for your week")
    _answer(cast, session, word, "tired")
    client = client_for("instructor")
    response = client.post(_url("activity_edit", cast, session, word), {"prompt": "Changed"})
    assert _messages(response) == [ANSWERED]
    response = client.post(_url("activity_remove", cast, session, word))
    assert _messages(response) == [ANSWERED]
    word.refresh_from_db()
    assert word.prompt == "One word for your week" and word.answers.count() == 1
    assert "Answered: reset it to edit or remove it." in client.get(_host(cast, session)).text


def test_after_a_reset_an_activity_can_be_edited_again(cast, session):
    word = _activity(session, "One word for your week")
    _answer(cast, session, word, "tired")
    instructor = member(cast.instructor, cast.course)
    services.activity_reset(activity=word, member=instructor)
    services.activity_edit(session=session, activity=word, member=instructor, prompt="Again?")
    assert _activity(session, "Again?").pk == word.pk


def test_removing_the_activity_on_screen_shows_the_next_and_tells_the_screens(
    cast, client_for, session, monkeypatch, django_capture_on_commit_callbacks
):
    told = []
    monkeypatch.setattr(
        broadcast, "stream_event_on_commit", lambda *args: told.append(args[3]()["activity"])
    )
    poll = _activity(session, "Pizza or pasta?")
    instructor = member(cast.instructor, cast.course)
    services.activity_go(session=session, member=instructor, to=poll.pk)
    told.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("instructor").post(_url("activity_remove", cast, session, poll))
    assert _messages(response) == ["Removed: “Pizza or pasta?”."]
    scale = _activity(session, "How ready do you feel?")
    session.refresh_from_db()
    assert session.current_activity == scale
    assert told == [scale.pk]
    assert _prompts(session) == ["One word for your week", "How ready do you feel?"]
    assert _positions(session) == [0, 1]


def test_removing_the_last_activity_on_screen_shows_the_previous_then_none(cast, session):
    instructor = member(cast.instructor, cast.course)
    scale = _activity(session, "How ready do you feel?")
    services.activity_go(session=session, member=instructor, to=scale.pk)
    services.activity_remove(session=session, activity=scale, member=instructor)
    session.refresh_from_db()
    assert session.current_activity.prompt == "Pizza or pasta?"
    for activity in list(session.activities.all()):
        services.activity_remove(session=session, activity=activity, member=instructor)
    session.refresh_from_db()
    assert session.current_activity is None and not session.activities.exists()


def test_removing_another_activity_leaves_the_screen_alone(cast, session):
    instructor = member(cast.instructor, cast.course)
    services.activity_remove(
        session=session, activity=_activity(session, "Pizza or pasta?"), member=instructor
    )
    session.refresh_from_db()
    assert session.current_activity.prompt == "One word for your week"
    assert _positions(session) == [0, 1]


def test_moving_up_and_down_keeps_positions_in_order(cast, client_for, session):
    client = client_for("ta")
    scale = _activity(session, "How ready do you feel?")
    client.post(_url("activity_move", cast, session, scale), {"direction": "up"})
    assert _prompts(session) == [
        "One word for your week",
        "How ready do you feel?",
        "Pizza or pasta?",
    ]
    client.post(_url("activity_move", cast, session, scale), {"direction": "up"})
    assert _prompts(session)[0] == "How ready do you feel?"
    client.post(_url("activity_move", cast, session, scale), {"direction": "down"})
    assert _prompts(session) == [
        "One word for your week",
        "How ready do you feel?",
        "Pizza or pasta?",
    ]
    assert _positions(session) == [0, 1, 2]


def test_moving_after_a_removal_closes_the_gap(cast, session):
    instructor = member(cast.instructor, cast.course)
    activity_make(cast, session, ActivityKind.MOOD, prompt="How are you arriving?")
    services.activity_remove(
        session=session, activity=_activity(session, "Pizza or pasta?"), member=instructor
    )
    moved = services.activity_move(
        session=session,
        activity=_activity(session, "How are you arriving?"),
        member=instructor,
        direction="up",
    )
    assert moved.position == 1
    assert _positions(session) == [0, 1, 2]
    assert _prompts(session)[1] == "How are you arriving?"


def test_moving_past_either_end_is_refused_and_changes_nothing(cast, client_for, session):
    client = client_for("instructor")
    first = _activity(session, "One word for your week")
    last = _activity(session, "How ready do you feel?")
    before = _prompts(session)
    response = client.post(_url("activity_move", cast, session, first), {"direction": "up"})
    assert _messages(response) == ["It is already the first activity."]
    response = client.post(_url("activity_move", cast, session, last), {"direction": "down"})
    assert _messages(response) == ["It is already the last activity."]
    response = client.post(_url("activity_move", cast, session, last), {"direction": "sideways"})
    assert _messages(response) == ["Say up or down."]
    assert _prompts(session) == before and _positions(session) == [0, 1, 2]


@pytest.mark.parametrize(
    ("who", "status"), [("learner", 404), ("outsider", 404), ("anonymous", 302)]
)
@pytest.mark.parametrize("name", ["activity_edit", "activity_remove", "activity_move"])
def test_only_the_courses_teaching_team_changes_activities(
    cast, client_for, session, who, status, name
):
    poll = _activity(session, "Pizza or pasta?")
    before = _prompts(session)
    response = client_for(who).post(
        _url(name, cast, session, poll), {"prompt": "Hacked", "direction": "up"}
    )
    assert response.status_code == status
    assert _prompts(session) == before


def test_staff_of_another_course_are_refused_by_the_service(cast, session):
    poll = _activity(session, "Pizza or pasta?")
    outsider = member(cast.outsider, cast.other_course)
    with pytest.raises(Refused) as refused:
        services.activity_remove(session=session, activity=poll, member=outsider)
    assert refused.value.code == "forbidden"
    assert Activity.objects.filter(pk=poll.pk).exists()


def test_an_activity_of_another_session_is_not_found(cast, client_for, session):
    other = session_make(cast)
    elsewhere = activity_make(cast, other, prompt="Elsewhere")
    response = client_for("instructor").post(_url("activity_remove", cast, session, elsewhere))
    assert response.status_code == 404
    with pytest.raises(Refused) as refused:
        services.activity_remove(
            session=session, activity=elsewhere, member=member(cast.instructor, cast.course)
        )
    assert refused.value.code == "not_found"
    assert Activity.objects.filter(pk=elsewhere.pk).exists()


def test_a_closed_session_refuses_every_change(cast, client_for, session):
    services.session_close(session=session, member=member(cast.instructor, cast.course))
    client = client_for("instructor")
    poll = _activity(session, "Pizza or pasta?")
    before = _prompts(session)
    posts = [
        ("activity_edit", {"prompt": "Lunch?", "choices": "Pizza\nSoup"}),
        ("activity_remove", {}),
        ("activity_move", {"direction": "up"}),
    ]
    for name, fields in posts:
        response = client.post(_url(name, cast, session, poll), fields)
        assert _messages(response) == ["This live session has ended."]
    assert _prompts(session) == before and _positions(session) == [0, 1, 2]
    assert LiveSession.objects.get(pk=session.pk).current_activity is not None
