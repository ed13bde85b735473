"""A long wall in a real browser: the live page draws the cards the server cut the page to,
and of the changes it hears, keeps a new card and leaves out one past where its list was cut
(that one is there after "Show more")."""

import pytest

from rapport.core.testing.browser import browser, signed_in  # noqa: F401
from rapport.walls.models import Layout
from rapport.walls.testing import board_make, card_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEAR = """async ([older, newer]) => {
    const src = document.querySelector('script[src*="board/index.js"]').src;
    const store = await import(src.replace("index.js", "store.js"));
    const { createState, readJson } = await import(src.replace("index.js", "state.js"));
    const board = createState(document.getElementById("wall"));
    readJson("wall-cards", []).forEach((card) => { board.cards.set(card.id, card); });
    store.hear(board, older);
    store.hear(board, newer);
    return Array.from(document.querySelectorAll("#wall .wall-card"), (li) => li.id);
}"""


def test_the_live_page_keeps_to_where_its_list_was_cut(cast, live_server, request, monkeypatch):
    monkeypatch.setattr("rapport.walls.views.boards.CARDS_PER_PAGE", 2)
    board = board_make(cast, layout=Layout.STREAM)
    # made before the browser starts: adding a card tells the course's socket, from sync code
    oldest, middle, *shown = [card_make(cast, board, body=f"Card {n}") for n in range(4)]
    browser = request.getfixturevalue("browser")  # noqa: F811
    errors = []
    page = signed_in(browser, live_server, cast.learner, errors)
    page.goto(live_server.url + board.get_absolute_url(), wait_until="load")
    page.locator("#wall .wall-card").first.wait_for()
    drawn = [f"card-{card.pk}" for card in reversed(shown)]
    assert page.locator("#wall .wall-card").evaluate_all("lis => lis.map(li => li.id)") == drawn

    cards = page.evaluate("() => JSON.parse(document.getElementById('wall-cards').textContent)")
    newest = cards[0]
    # an older card changed (someone reacted): past the cut, so left for "Show more"
    older = newest | {"id": middle.pk, "revision": 99, "created_at": middle.created_at.isoformat()}
    # a card just added: newest first on a stream, so drawn at the top
    newer = newest | {"id": 10_000, "revision": 100, "created_at": "2999-01-01T00:00:00+00:00"}
    assert page.evaluate(HEAR, [older, newer]) == ["card-10000", *drawn]
    assert errors == []
