"""The live socket: members and guests with the code join, others are refused; answers are
kept once per participant (also from two sockets), changed, refused once locked, and many
at once over many sockets all answered (written in batches); results
reach everyone coalesced, the full ones only to hosts until revealed; reset clears; a
socket that connects again gets the activity and its own answer back; bad messages get an
error and change nothing."""

import time
from datetime import timedelta

import pytest
import time_machine
from asgiref.sync import sync_to_async
from django.utils import timezone

from rapport.live import batching, broadcast, services
from rapport.live.models import ActivityKind, Answer
from rapport.live.testing import activity_make, live_socket, session_make

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]
# Generous: a busy machine runs other tests' servers beside these sockets.
TIMEOUT = 5


@pytest.fixture
def session(cast):
    session = session_make(cast, guests_allowed=True)
    activity_make(cast, session)
    return session


async def _join(user, session, **kw):
    """A connected socket, past its first ``activity`` (and ``mine``) messages."""
    socket = live_socket(user, session.join_code, **kw)
    connected, code = await socket.connect()
    assert connected, code
    first = await socket.receive_json_from(timeout=TIMEOUT)
    assert first["type"] == "activity"
    socket.first = first
    if user is not None and not kw.get("screen") or kw.get("guest"):
        socket.mine = await _next(socket, "mine")
    return socket


async def _next(socket, kind: str):
    while True:
        message = await socket.receive_json_from(timeout=TIMEOUT)
        if message["type"] == kind:
            return message


async def _send(socket, ref, **message):
    await socket.send_json_to({"ref": ref, **message})
    while True:
        answer = await socket.receive_json_from(timeout=TIMEOUT)
        if answer.get("ref") == ref:
            return answer


def _answers():
    return list(Answer.objects.values_list("text", flat=True))


async def _close(*sockets):
    for socket in sockets:
        await socket.disconnect()


async def test_a_learner_answers_and_changes_it_and_only_the_host_sees_results(cast, session):
    ana = await _join(cast.learner, session)
    host = await _join(cast.instructor, session)
    activity = ana.first["activity"]
    assert activity["prompt"] == "One word for your week" and ana.mine["answer"] is None
    answered = await _send(ana, 1, type="answer", activity=activity["id"], value="Tired!")
    assert answered["type"] == "answered" and answered["mine"]["answer"]["text"] == "tired"
    await _send(ana, 2, type="answer", activity=activity["id"], value="hopeful")
    assert await sync_to_async(_answers)() == ["hopeful"]
    to_host = await _next(host, "results")
    while (
        to_host["results"]["answered"] != 1 or to_host["results"]["words"][0]["word"] != "hopeful"
    ):
        to_host = await _next(host, "results")
    to_ana = await _next(ana, "results")
    assert to_ana["results"] == {"answered": 1}
    await _close(ana, host)


async def test_reveal_shows_everyone_the_word_cloud(cast, session):
    ana = await _join(cast.learner, session)
    host = await _join(cast.ta, session)
    activity_id = ana.first["activity"]["id"]
    await _send(ana, 1, type="answer", activity=activity_id, value="curious")
    assert (await _send(host, 2, type="reveal"))["type"] == "done"
    shown = await _next(ana, "activity")
    assert shown["activity"]["results_visible"]
    assert shown["results"]["words"] == [{"word": "curious", "count": 1, "size": 2.5}]
    await _close(ana, host)


async def test_a_locked_activity_refuses_an_answer_over_the_socket(cast, session):
    ana = await _join(cast.learner, session)
    host = await _join(cast.instructor, session)
    await _send(host, 1, type="lock")
    assert (await _next(ana, "activity"))["activity"]["locked"]
    refused = await _send(ana, 2, type="answer", activity=ana.first["activity"]["id"], value="hi")
    assert (refused["type"], refused["code"]) == ("error", "locked")
    assert await sync_to_async(_answers)() == []
    await _close(ana, host)


async def test_reset_clears_answers_and_tells_each_phone_its_answer_is_gone(cast, session):
    ana = await _join(cast.learner, session)
    host = await _join(cast.instructor, session)
    await _send(ana, 1, type="answer", activity=ana.first["activity"]["id"], value="sleepy")
    await _send(host, 2, type="reset")
    assert (await _next(ana, "mine"))["answer"] is None
    assert await sync_to_async(_answers)() == []
    await _close(ana, host)


async def test_a_learner_cannot_run_the_session(cast, session):
    ana = await _join(cast.learner, session)
    refused = await _send(ana, 1, type="reveal")
    assert refused["code"] == "forbidden"
    await _close(ana)


async def test_reconnecting_brings_back_the_activity_and_ones_own_answer(cast, session):
    ana = await _join(cast.learner, session)
    host = await _join(cast.instructor, session)
    await sync_to_async(activity_make)(cast, session, ActivityKind.SCALE, prompt="Ready?")
    await _send(host, 1, type="next")
    scale = (await _next(ana, "activity"))["activity"]
    while scale["kind"] != "scale":  # first, the news that the session has one more
        scale = (await _next(ana, "activity"))["activity"]
    assert scale["count"] == 2 and (await _next(ana, "mine"))["answer"] is None
    await _send(ana, 2, type="answer", activity=scale["id"], value=4)
    await ana.disconnect()
    again = await _join(cast.learner, session)
    assert again.first["activity"]["id"] == scale["id"]
    assert again.mine["answer"]["number"] == 4
    await _send(host, 3, type="previous")
    back = await _next(again, "mine")
    assert back["answer"] is None and back["activity"] == again.first["activity"]["id"] - 1
    await _close(again, host)


async def test_two_sockets_of_one_learner_keep_one_answer(cast, session):
    phone = await _join(cast.learner, session)
    laptop = await _join(cast.learner, session)
    activity_id = phone.first["activity"]["id"]
    await phone.send_json_to({"type": "answer", "activity": activity_id, "value": "a", "ref": 1})
    await laptop.send_json_to({"type": "answer", "activity": activity_id, "value": "b", "ref": 1})
    await _next(phone, "answered")
    await _next(laptop, "answered")
    assert len(await sync_to_async(_answers)()) == 1
    await _close(phone, laptop)


async def test_a_learner_of_another_course_and_nobody_signed_in_are_refused(cast, session):
    assert await live_socket(cast.outsider, session.join_code).connect() == (False, 4403)
    assert await live_socket(None, session.join_code).connect() == (False, 4403)
    assert await live_socket(cast.learner, "NOCODE").connect() == (False, 4404)


async def test_a_guest_with_the_code_joins_and_answers(cast, session):
    guest = await sync_to_async(services.guest_join)(code=session.join_code, name="Sam")
    sam = await _join(None, session, guest=guest)
    answered = await _send(sam, 1, type="answer", activity=sam.first["activity"]["id"], value="hi")
    assert answered["type"] == "answered"
    await _close(sam)


async def test_a_guests_place_ends_when_the_code_expires(cast, session):
    guest = await sync_to_async(services.guest_join)(code=session.join_code, name="Sam")
    with time_machine.travel(timezone.now() + timedelta(hours=4)):
        assert await live_socket(None, session.join_code, guest=guest).connect() == (False, 4403)


async def test_the_shared_screen_shows_no_results_until_revealed(cast, session):
    screen = await _join(cast.instructor, session, screen=True)
    ana = await _join(cast.learner, session)
    await _send(ana, 1, type="answer", activity=ana.first["activity"]["id"], value="ok")
    assert (await _next(screen, "results"))["results"] == {"answered": 1}
    refused = await _send(screen, 2, type="answer", activity=1, value="x")
    assert refused["type"] == "error"
    await _close(screen, ana)


async def test_many_answers_at_once_are_flushed_a_few_times_not_once_each(cast, session):
    people = [cast.learner, cast.other_learner, cast.ta]
    sockets = [await _join(person, session) for person in people]
    host = await _join(cast.instructor, session)
    activity_id = host.first["activity"]["id"]
    before, started = broadcast.coalescer.flushes, time.monotonic()
    for round_ in range(3):
        for n, socket in enumerate(sockets):
            await socket.send_json_to(
                {"type": "answer", "activity": activity_id, "value": f"w{round_}{n}", "ref": 1}
            )
    for socket in sockets:
        for _ in range(3):
            await _next(socket, "answered")
    last = await _next(host, "results")
    while [w["count"] for w in last["results"]["words"]] != [1, 1, 1]:
        last = await _next(host, "results")
    flushes, seconds = broadcast.coalescer.flushes - before, time.monotonic() - started
    # At most one flush per FLUSH_SECONDS while answers came in, however many answers came
    # (on a quiet machine, two or three for the nine; a busy one spreads them out, no more).
    assert 1 <= flushes <= seconds / broadcast.FLUSH_SECONDS + 1
    await _close(host, *sockets)


async def test_many_answers_sent_at_once_over_many_sockets_all_get_their_replies(cast, session):
    guests = [
        await sync_to_async(services.guest_join)(code=session.join_code, name=f"G{n}")
        for n in range(12)
    ]
    sockets = [await _join(None, session, guest=guest) for guest in guests]
    sockets += [await _join(person, session) for person in (cast.learner, cast.other_learner)]
    host = await _join(cast.instructor, session)
    activity_id = host.first["activity"]["id"]
    batches_before = batching.batcher.batches
    for n, socket in enumerate(sockets):
        await socket.send_json_to({"type": "answer", "activity": activity_id, "value": "x"})
        await socket.send_json_to(
            {"type": "answer", "activity": activity_id, "value": f"word{n}", "ref": n}
        )
    await sockets[0].send_json_to({"type": "answer", "activity": activity_id, "value": "a b"})
    for n, socket in enumerate(sockets):
        first, second = await _next(socket, "answered"), await _next(socket, "answered")
        assert first["mine"]["answer"]["text"] == "x"
        assert (second["ref"], second["mine"]["answer"]["text"]) == (n, f"word{n}")
    assert (await _next(sockets[0], "error"))["code"] == "bad"
    # Fewer batches than answers: those that came while one was written went in the next.
    assert batching.batcher.batches - batches_before < 2 * len(sockets)
    last = await _next(host, "results")
    while last["results"]["answered"] != len(sockets) or len(last["results"]["words"]) != 14:
        last = await _next(host, "results")
    assert await sync_to_async(Answer.objects.count)() == len(sockets)
    await _close(host, *sockets)


@pytest.mark.parametrize(
    "message",
    [{"type": "shout"}, {"type": "answer", "activity": "one", "value": "x"}, {"type": "upvote"}],
)
async def test_a_bad_message_gets_a_clear_error_and_changes_nothing(cast, session, message):
    ana = await _join(cast.learner, session)
    refused = await _send(ana, 7, **message)
    assert refused["type"] == "error" and refused["message"]
    assert await sync_to_async(_answers)() == []
    await ana.send_to(text_data="not json")
    assert (await ana.receive_json_from(timeout=TIMEOUT))["type"] == "error"
    await _close(ana)


def _guest_cookie(guest) -> str:
    from importlib import import_module

    from django.conf import settings

    from rapport.live.consumers import GUESTS_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[GUESTS_KEY] = {str(guest.session_id): [guest.pk, guest.guest_key]}
    store.save()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


async def test_a_guest_gets_in_through_the_sites_routing_with_their_browser_session(
    cast, session, settings
):
    from channels.testing import WebsocketCommunicator

    from rapport.routing import websocket_application

    settings.ALLOWED_HOSTS = ["testserver"]
    guest = await sync_to_async(services.guest_join)(code=session.join_code, name="Sam")
    cookie = await sync_to_async(_guest_cookie)(guest)
    path = f"/ws/live/{session.join_code}/"
    for origin, let_in in [(b"http://testserver", True), (b"https://evil.example", False)]:
        headers = [(b"origin", origin), (b"cookie", cookie.encode()), (b"host", b"testserver")]
        socket = WebsocketCommunicator(websocket_application, path, headers=headers)
        connected, _ = await socket.connect()
        assert connected is let_in
        if connected:
            assert (await socket.receive_json_from(timeout=TIMEOUT))["type"] == "activity"
            assert (await socket.receive_json_from(timeout=TIMEOUT))["type"] == "mine"
        await socket.disconnect()
