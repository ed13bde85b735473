"""Boards and cards: who may do what, versions, revisions, moderation, anonymity, the ledger."""

import pytest

from rapport.core.kinds import TouchpointKind
from rapport.core.models import Touchpoint
from rapport.core.refusals import Refused
from rapport.walls import selectors, services
from rapport.walls.models import Card, Layout, WhoMayPost
from rapport.walls.testing import board_make, card_make, member

pytestmark = pytest.mark.django_db


def test_a_learner_cannot_make_a_wall(cast):
    with pytest.raises(Refused):
        services.board_create(course=cast.course, member=member(cast, "learner"), title="Mine")


def test_a_card_goes_to_the_first_free_cell_and_records_a_touchpoint(cast):
    board = board_make(cast)
    first = card_make(cast, board)
    second = card_make(cast, board, "other_learner")
    assert (first.x, first.y) == (0, 0) and (second.x, second.y) == (1, 0)
    assert Touchpoint.objects.filter(
        kind=TouchpointKind.WALL_CARD_POSTED, actor=cast.learner, course=cast.course
    ).exists()


def test_every_change_raises_the_boards_revision(cast):
    board = board_make(cast)
    card = card_make(cast, board)
    moved = services.card_move(card=card, member=member(cast, "learner"), version=1, x=3, y=2)
    board.refresh_from_db()
    assert moved.revision == board.revision == 2 and moved.version == 2
    assert [
        c["id"] for c in selectors.board_cards(board=board, member=member(cast, "ta"), since=1)
    ] == [card.pk]


def test_a_move_from_an_older_version_is_refused_and_changes_nothing(cast):
    board = board_make(cast)
    card = card_make(cast, board)
    services.card_move(card=card, member=member(cast, "learner"), version=1, x=3, y=2)
    with pytest.raises(services.StaleCard) as stale:
        services.card_move(card=card, member=member(cast, "learner"), version=1, x=5, y=5)
    assert stale.value.card.version == 2
    card.refresh_from_db()
    assert (card.x, card.y) == (3, 2)


def test_a_learner_cannot_move_edit_or_delete_a_classmates_card(cast):
    board = board_make(cast)
    card = card_make(cast, board)
    other = member(cast, "other_learner")
    for attempt in (
        lambda: services.card_move(card=card, member=other, version=1, x=4, y=4),
        lambda: services.card_edit(card=card, member=other, version=1, body="Mine now"),
        lambda: services.card_delete(card=card, member=other),
    ):
        with pytest.raises(Refused):
            attempt()
    card.refresh_from_db()
    assert (card.x, card.body, card.deleted_at) == (0, "Hello from the learner", None)


def test_staff_move_and_delete_any_card_but_reword_none(cast):
    board = board_make(cast)
    card = card_make(cast, board)
    ta = member(cast, "ta")
    services.card_move(card=card, member=ta, version=1, x=2, y=2)
    with pytest.raises(Refused):
        services.card_edit(card=card, member=ta, version=2, body="Reworded")
    services.card_delete(card=card, member=ta)
    assert Card.objects.get(pk=card.pk).deleted_at is not None


def test_moves_outside_the_grid_are_refused(cast):
    board = board_make(cast)
    card = card_make(cast, board)
    for x, y in ((12, 0), (-1, 0), (0, 40), ("3", 1), (True, 1)):
        with pytest.raises(Refused):
            services.card_move(card=card, member=member(cast, "learner"), version=1, x=x, y=y)


def test_a_moderated_walls_card_waits_unseen_by_classmates_until_approved(cast):
    board = board_make(cast, moderated=True)
    card = card_make(cast, board)
    classmate = member(cast, "other_learner")
    assert selectors.board_cards(board=board, member=classmate) == []
    assert [
        c["id"] for c in selectors.board_cards(board=board, member=member(cast, "learner"))
    ] == [card.pk]
    assert [
        c["approved"] for c in selectors.board_cards(board=board, member=member(cast, "ta"))
    ] == [False]
    services.card_approve(card=card, member=member(cast, "instructor"))
    assert [c["id"] for c in selectors.board_cards(board=board, member=classmate)] == [card.pk]


def test_an_anonymous_card_names_its_author_only_to_staff_and_the_author(cast):
    board = board_make(cast, allow_anonymous=True)
    card_make(cast, board, anonymous=True)
    (seen_by_classmate,) = selectors.board_cards(board=board, member=member(cast, "other_learner"))
    assert seen_by_classmate["author"] is None and "Learner" not in str(seen_by_classmate)
    (seen_by_staff,) = selectors.board_cards(board=board, member=member(cast, "ta"))
    assert seen_by_staff["author"]["name"] == "Learner"
    (seen_by_author,) = selectors.board_cards(board=board, member=member(cast, "learner"))
    assert seen_by_author["mine"] and seen_by_author["author"]["name"] == "Learner"


def test_anonymous_posting_is_refused_where_the_wall_does_not_allow_it(cast):
    board = board_make(cast)
    with pytest.raises(Refused):
        card_make(cast, board, anonymous=True)


def test_a_staff_only_wall_and_a_locked_wall_refuse_learners_cards(cast):
    staff_only = board_make(cast, who_may_post=WhoMayPost.STAFF)
    with pytest.raises(Refused):
        card_make(cast, staff_only)
    card_make(cast, staff_only, "ta")
    locked = board_make(cast)
    card = card_make(cast, locked)
    services.board_lock(board=locked, member=member(cast, "instructor"), locked=True)
    with pytest.raises(Refused):
        card_make(cast, locked)
    with pytest.raises(Refused):
        services.card_move(card=card, member=member(cast, "learner"), version=1, x=1, y=1)


def test_reactions_and_comments_on_a_classmates_card_are_peer_touchpoints(cast):
    board = board_make(cast)
    card = card_make(cast, board)
    other = member(cast, "other_learner")
    services.card_react(card=card, member=other, emoji="🎉")
    services.card_comment(card=card, member=other, body="Love this!")
    kinds = set(
        Touchpoint.objects.filter(actor=cast.other_learner, subject=cast.learner).values_list(
            "kind", flat=True
        )
    )
    assert kinds == {TouchpointKind.CARD_REACTION, TouchpointKind.CARD_COMMENT}
    (shaped,) = selectors.board_cards(board=board, member=other)
    assert [c["body"] for c in shaped["comments"]] == ["Love this!"]
    assert {r["emoji"]: (r["count"], r["mine"]) for r in shaped["reactions"]}["🎉"] == (1, True)


def test_columns_walls_place_cards_in_their_first_column(cast):
    board = board_make(cast, layout=Layout.COLUMNS, sections=["Went well", "To try"])
    card = card_make(cast, board)
    first, second = board.sections.all()
    assert card.section == first
    services.card_move(card=card, member=member(cast, "learner"), version=1, section_id=second.pk)
    card.refresh_from_db()
    assert card.section == second


def test_a_card_needs_text_a_real_link_and_a_known_colour(cast):
    board = board_make(cast)
    for options in (
        {"body": "   "},
        {"kind": "link", "link_url": "javascript:alert(1)"},
        {"colour": "chartreuse"},
        {"body": "x" * 2001},
    ):
        with pytest.raises(Refused):
            card_make(cast, board, **options)
    assert not Card.objects.exists()


def test_a_link_preview_refused_keeps_the_reason(
    cast, monkeypatch, django_capture_on_commit_callbacks
):
    from rapport.walls.previews import PreviewRefused

    def refuse(url):
        raise PreviewRefused("That address is on a private network.")

    monkeypatch.setattr("rapport.walls.previews.link_preview", refuse)
    board = board_make(cast)
    with django_capture_on_commit_callbacks(execute=True):
        card = card_make(cast, board, kind="link", link_url="http://10.0.0.1/admin", body="")
    card.refresh_from_db()
    assert (
        card.link_status == "failed"
        and card.link_problem == "That address is on a private network."
    )
