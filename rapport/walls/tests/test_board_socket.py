"""A board on the course socket: members follow it and see each other's cards arrive, move
and go, in order, each shaped for them; who is here; an outsider's socket is refused; a
learner cannot move a classmate's card; a move from an old version is answered with the
card as it stands; bad messages get an error, and the socket stays open."""

import pytest
from asgiref.sync import sync_to_async

from rapport.courses.testing import course_socket
from rapport.walls import selectors
from rapport.walls.models import Card
from rapport.walls.testing import board_make, card_make

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


async def _on_board(user, cast, board):
    """A connected socket following ``board``, past its "following" and first "here"."""
    socket = course_socket(user, cast.course.slug)
    assert (await socket.connect())[0]
    await socket.send_json_to({"type": "follow", "stream": "board", "id": board.pk})
    assert (await socket.receive_json_from(timeout=2))["type"] == "following"
    assert (await socket.receive_json_from(timeout=2))["type"] == "here"
    return socket


async def _next(socket, kind: str):
    """The next message of ``kind`` (presence news from others' arrivals is passed over)."""
    while True:
        message = await socket.receive_json_from(timeout=2)
        if message["type"] == kind:
            return message


async def _answer(socket, board, **message):
    await socket.send_json_to({"type": "act", "stream": "board", "id": board.pk, **message})
    while True:
        answer = await socket.receive_json_from(timeout=2)
        if answer.get("ref") == message.get("ref"):
            return answer


@pytest.fixture
def board(cast):
    return board_make(cast, allow_anonymous=True)


async def test_an_outsiders_socket_cannot_follow_or_act_on_a_board(cast, board):
    connected, code = await course_socket(cast.outsider, cast.course.slug).connect()
    assert (connected, code) == (False, 4403)


async def test_two_members_see_each_others_cards_in_order(cast, board):
    ana = await _on_board(cast.learner, cast, board)
    ben = await _on_board(cast.other_learner, cast, board)
    assert (await _next(ana, "here"))["people"] == [{"name": "Learner"}, {"name": "Other_Learner"}]
    added = await _answer(ana, board, ref=1, action="add", body="Hello from Lisbon", x=2, y=1)
    assert added["type"] == "done" and added["card"]["mine"]
    card_id, version = added["card"]["id"], added["card"]["version"]
    moved = await _answer(ana, board, ref=2, action="move", card=card_id, version=version, x=5, y=3)
    assert moved["type"] == "done"
    await _answer(ana, board, ref=3, action="delete", card=card_id)
    heard = [await _next(ben, "event") for _ in range(3)]
    assert [m["card"]["revision"] for m in heard] == [1, 2, 3]
    first, second, third = (m["card"] for m in heard)
    assert (first["html"], first["author"]["name"], first["mine"]) == (
        "<p>Hello from Lisbon</p>\n",
        "Learner",
        False,
    )
    assert "body" not in first and not first["may_move"]
    assert (second["x"], second["y"]) == (5, 3)
    assert third == {"id": card_id, "revision": 3, "deleted": True}
    for socket in (ana, ben):
        await socket.disconnect()


async def test_an_anonymous_card_reaches_classmates_without_its_authors_name(cast, board):
    ana = await _on_board(cast.learner, cast, board)
    ben = await _on_board(cast.other_learner, cast, board)
    ta = await _on_board(cast.ta, cast, board)
    await _answer(ana, board, ref=1, action="add", body="Nervous about exams", anonymous=True)
    to_ben, to_ta = (await _next(ben, "event"))["card"], (await _next(ta, "event"))["card"]
    assert to_ben["author"] is None and "Learner" not in str(to_ben)
    assert to_ta["author"]["name"] == "Learner"
    for socket in (ana, ben, ta):
        await socket.disconnect()


async def test_a_learner_cannot_move_a_classmates_card(cast, board):
    card = await sync_to_async(card_make)(cast, board)
    ben = await _on_board(cast.other_learner, cast, board)
    refused = await _answer(ben, board, ref=9, action="move", card=card.pk, version=1, x=4, y=4)
    assert refused["type"] == "error" and refused["code"] == "forbidden"
    stored = await sync_to_async(Card.objects.get)(pk=card.pk)
    assert (stored.x, stored.y) == (0, 0)
    await ben.disconnect()


async def test_a_move_from_an_old_version_gets_the_card_as_it_stands(cast, board):
    card = await sync_to_async(card_make)(cast, board)
    ana = await _on_board(cast.learner, cast, board)
    await _answer(ana, board, ref=1, action="move", card=card.pk, version=1, x=3, y=3)
    stale = await _answer(ana, board, ref=2, action="move", card=card.pk, version=1, x=7, y=7)
    assert stale["type"] == "conflict" and (stale["card"]["x"], stale["card"]["version"]) == (3, 2)
    await ana.disconnect()


async def test_a_move_is_read_once_for_its_followers_and_its_answer(cast, board, monkeypatch):
    card = await sync_to_async(card_make)(cast, board)
    ana = await _on_board(cast.learner, cast, board)
    reads, read = [], selectors.card_event
    monkeypatch.setattr(selectors, "card_event", lambda **kw: reads.append(kw) or read(**kw))
    move = {"action": "move", "card": card.pk, "version": 1, "x": 4, "y": 2, "ref": 1}
    await ana.send_json_to({"type": "act", "stream": "board", "id": board.pk, **move})
    heard = {}
    while len(heard) < 2:
        message = await ana.receive_json_from(timeout=2)
        if message["type"] in ("done", "event"):
            heard[message["type"]] = message["card"]
    assert heard["done"] == heard["event"]
    assert (heard["done"]["x"], heard["done"]["revision"]) == (4, 2)
    assert reads == [{"card_id": card.pk}]
    await ana.disconnect()


async def test_a_dropped_page_catches_up_from_the_last_revision_it_saw(cast, board):
    kept = await sync_to_async(card_make)(cast, board)
    gone = await sync_to_async(card_make)(cast, board, "other_learner")
    ana = await _on_board(cast.learner, cast, board)
    # ... while the page was away, one card moved and the other was deleted
    from rapport.walls import services
    from rapport.walls.testing import member

    staff = await sync_to_async(member)(cast, "instructor")
    await sync_to_async(services.card_move)(card=kept, member=staff, version=1, x=6, y=6)
    await sync_to_async(services.card_delete)(card=gone, member=staff)
    caught = await _answer(ana, board, ref=5, action="since", revision=2)
    assert caught["type"] == "caught_up" and caught["revision"] == 4
    assert sorted((c["id"], c.get("x"), c["deleted"]) for c in caught["cards"]) == sorted(
        [(kept.pk, 6, False), (gone.pk, None, True)]
    )
    await ana.disconnect()


@pytest.mark.parametrize(
    "message",
    [
        {"type": "act", "stream": "board", "id": 1, "action": "move"},  # not followed
        {"type": "dance"},
        {"type": "follow", "stream": "board", "id": "1"},
        {"type": "follow", "stream": "nope", "id": 1},
    ],
)
async def test_bad_messages_get_an_error_and_the_socket_stays_open(cast, board, message):
    ana = await _on_board(cast.learner, cast, board)
    await ana.send_json_to(message)
    assert (await _next(ana, "error"))["message"]
    bad_action = await _answer(ana, board, ref=4, action="explode")
    assert bad_action["type"] == "error" and bad_action["code"] == "bad"
    bad_card = await _answer(ana, board, ref=5, action="move", card="12", version=1, x=1, y=1)
    assert bad_card["type"] == "error"
    await ana.send_to(text_data="{not json")
    assert (await _next(ana, "error"))["message"]
    caught = await _answer(ana, board, ref=6, action="since", revision=0)
    assert caught["type"] == "caught_up"  # still open and answering
    await ana.disconnect()


async def test_a_following_socket_of_another_board_of_the_course_hears_nothing(cast, board):
    other = await sync_to_async(board_make)(cast, title="Another wall")
    ana = await _on_board(cast.learner, cast, other)
    await sync_to_async(card_make)(cast, board, "other_learner")
    assert await ana.receive_nothing(timeout=0.3)
    await ana.disconnect()


async def test_renewing_presence_tells_nobody_but_a_new_tab_hears_who_is_here(cast, board):
    ana = await _on_board(cast.learner, cast, board)
    ben = await _on_board(cast.other_learner, cast, board)
    assert [p["name"] for p in (await _next(ana, "here"))["people"]] == ["Learner", "Other_Learner"]
    await ben.send_json_to({"type": "here", "stream": "board", "id": board.pk})
    assert await ana.receive_nothing(timeout=0.3)  # a renewal changes nothing to tell
    second_tab = course_socket(cast.other_learner, cast.course.slug)
    assert (await second_tab.connect())[0]
    await second_tab.send_json_to({"type": "follow", "stream": "board", "id": board.pk})
    assert (await second_tab.receive_json_from(timeout=2))["type"] == "following"
    assert len((await second_tab.receive_json_from(timeout=2))["people"]) == 2
    assert await ana.receive_nothing(timeout=0.3)
    for socket in (ana, ben, second_tab):
        await socket.disconnect()


async def test_readers_who_see_a_change_differently_are_told_it_differently(cast, board):
    """Each socket is sent the card as its reader sees it, though one change is shaped once
    per way of seeing it: here the reader who reacted sees their reaction as theirs."""
    from rapport.walls import services
    from rapport.walls.testing import member

    card = await sync_to_async(card_make)(cast, board, "instructor")
    ana = await _on_board(cast.learner, cast, board)
    ben = await _on_board(cast.other_learner, cast, board)
    reactor = await sync_to_async(member)(cast, "learner")
    await sync_to_async(services.card_react)(card=card, member=reactor, emoji="🎉")
    to_ana, to_ben = (await _next(ana, "event"))["card"], (await _next(ben, "event"))["card"]
    mine = {c["emoji"]: c["mine"] for c in to_ana["reactions"]}
    theirs = {c["emoji"]: c["mine"] for c in to_ben["reactions"]}
    assert mine["🎉"] is True and theirs["🎉"] is False
    for socket in (ana, ben):
        await socket.disconnect()


async def test_locking_a_board_tells_each_follower_what_they_may_now_do(cast, board):
    from rapport.walls import services
    from rapport.walls.testing import member

    ana = await _on_board(cast.learner, cast, board)
    staff = await _on_board(cast.instructor, cast, board)
    await sync_to_async(services.board_lock)(
        board=board, member=await sync_to_async(member)(cast, "instructor"), locked=True
    )
    told_ana = (await _next(ana, "event"))["board"]
    told_staff = (await _next(staff, "event"))["board"]
    assert (told_ana["locked"], told_ana["may_post"], told_ana["may_take_part"]) == (
        True,
        False,
        False,
    )
    assert (told_staff["may_post"], told_staff["may_take_part"]) == (True, True)
    assert told_ana["anonymous_offered"] and not told_staff["anonymous_offered"]
    refused = await _answer(ana, board, ref=1, action="add", body="Too late")
    assert refused["type"] == "error"
    # A page back from a dropped connection hears how the board stands with its catch-up.
    caught = await _answer(ana, board, ref=2, action="since", revision=0)
    assert caught["board"]["locked"] and not caught["board"]["may_post"]
    for socket in (ana, staff):
        await socket.disconnect()


async def test_new_settings_reach_followers_as_the_board_now_stands(cast, board):
    from rapport.walls import services
    from rapport.walls.testing import member

    ana = await _on_board(cast.learner, cast, board)
    await sync_to_async(services.board_settings_save)(
        board=board,
        member=await sync_to_async(member)(cast, "instructor"),
        title="Our places",
        prompt="Where are you writing from?",
        who_may_post="staff",
        moderated=False,
        allow_anonymous=False,
    )
    told = (await _next(ana, "event"))["board"]
    assert (told["title"], told["prompt"], told["locked"]) == (
        "Our places",
        "Where are you writing from?",
        False,
    )
    assert not told["may_post"] and told["may_take_part"] and not told["anonymous_offered"]
    await ana.disconnect()
