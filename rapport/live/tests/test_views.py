"""Live pages per role: the course's sessions, opening one, the host page and the shared
screen for the teaching team, the phone page for members; guests join with the code (and
a name) until it expires, a few tries per address at most; the results export."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from rapport.core.testing.caches import clear_own_cache
from rapport.live import services
from rapport.live.consumers import GUESTS_KEY
from rapport.live.models import ActivityKind, LiveSession, Participant
from rapport.live.testing import activity_make, member, session_make
from rapport.live.views.taking_part import JOIN_TRIES

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    clear_own_cache()


@pytest.fixture
def session(cast):
    session = session_make(cast, guests_allowed=True)
    activity_make(cast, session)
    return session


def _url(name, cast, session=None):
    args = [cast.course.slug] + ([session.pk] if session else [])
    return reverse(f"live:{name}", args=args)


def test_learners_see_the_open_session_and_staff_can_host_it(cast, client_for, session):
    page = client_for("learner").get(_url("sessions", cast)).content.decode()
    assert session.join_code in page and "Host" not in page
    page = client_for("ta").get(_url("sessions", cast)).content.decode()
    assert _url("host", cast, session) in page


def test_an_instructor_opens_a_session_and_adds_from_the_prompt_bank(cast, client_for):
    client = client_for("instructor")
    response = client.post(
        _url("session_new", cast), {"title": "Week 3", "code_hours": 2, "blocklist": "meh"}
    )
    session = LiveSession.objects.get()
    assert response.url == _url("host", cast, session)
    client.post(_url("activity_add", cast, session), {"key": "week-word"})
    client.post(
        _url("activity_add", cast, session),
        {"kind": "poll", "prompt": "Pizza or pasta?", "choices": "Pizza\nPasta", "anonymous": "on"},
    )
    kinds = [(a.kind, a.anonymous) for a in session.activities.all()]
    assert kinds == [(ActivityKind.WORD, False), (ActivityKind.POLL, True)]
    page = client.get(_url("host", cast, session)).content.decode()
    assert "Pizza or pasta?" in page and session.join_code in page


def test_the_phone_page_says_when_an_answer_is_anonymous(cast, client_for, session):
    page = client_for("learner").get(_url("session", cast, session)).content.decode()
    assert "nobody, not even your teacher, can see who said what" in page
    assert f"/ws/live/{session.join_code}/" in page


def test_the_shared_screen_shows_the_code_large(cast, client_for, session):
    page = client_for("instructor").get(_url("screen", cast, session)).content.decode()
    assert "live-code--huge" in page and session.join_code in page and "/live/join/" in page


def test_the_export_has_every_answer_and_names_only_for_named_activities(cast, client_for):
    session = session_make(cast)
    named = activity_make(cast, session, ActivityKind.OPEN, prompt="Looking forward to?")
    ana = services.participant_for_member(session=session, user=cast.learner)
    services.answer_give(activity=named, participant=ana, value="=HYPERLINK(x) the trip")
    secret = activity_make(cast, session, ActivityKind.MOOD, prompt="Arriving?", anonymous=True)
    services.activity_go(session=session, member=member(cast.ta, cast.course), to=secret.pk)
    services.answer_give(activity=secret, participant=ana, value="low")
    response = client_for("ta").get(_url("session_export", cast, session))
    text = b"".join(response.streaming_content).decode()
    lines = text.strip().splitlines()
    assert len(lines) == 3
    assert "Learner" in lines[1] and "'=HYPERLINK(x) the trip" in lines[1]
    assert "Learner" not in lines[2] and "(anonymous)" in lines[2] and '"low"' in lines[2]


def test_a_guest_joins_with_the_code_and_a_name(cast, client, session):
    response = client.post(reverse("live:join"), {"code": session.join_code, "name": "Sam"})
    guest = Participant.objects.get(guest_name="Sam")
    assert response.url == reverse("live:guest", args=[session.join_code])
    assert client.session[GUESTS_KEY] == {str(session.pk): [guest.pk, guest.guest_key]}
    page = client.get(response.url).content.decode()
    assert "Connecting" in page and "Sam" not in page


def test_a_member_who_types_the_code_goes_to_the_course_page(cast, client_for, session):
    response = client_for("learner").post(
        reverse("live:join"), {"code": session.join_code, "name": "Me"}
    )
    assert response.url == _url("session", cast, session)
    assert not Participant.objects.exists()


def test_an_expired_code_is_refused(cast, client, session):
    with time_machine.travel(timezone.now() + timedelta(hours=4)):
        response = client.post(reverse("live:join"), {"code": session.join_code, "name": "Sam"})
    assert response.status_code == 200 and "isn&#x27;t open" in response.content.decode()
    assert not Participant.objects.exists()


def test_a_guest_without_a_place_is_sent_to_the_join_page(cast, client, session):
    response = client.get(reverse("live:guest", args=[session.join_code]))
    assert response.url == reverse("live:join")


def test_guessing_codes_is_stopped_after_a_few_tries(cast, client, session):
    for n in range(JOIN_TRIES):
        response = client.post(reverse("live:join"), {"code": f"WRONG{n}", "name": "Sam"})
        assert response.status_code == 200
    response = client.post(reverse("live:join"), {"code": session.join_code, "name": "Sam"})
    assert response.status_code == 429 and "Too many tries" in response.content.decode()
    assert not Participant.objects.exists()


def test_an_ended_session_says_so_and_connects_nothing(cast, client_for, session):
    services.session_close(session=session, member=member(cast.instructor, cast.course))
    page = client_for("learner").get(_url("session", cast, session)).content.decode()
    assert "This session has ended" in page and "/ws/live/" not in page
