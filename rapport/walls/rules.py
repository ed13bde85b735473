"""Who may do what on a wall, in one place: the services refuse what these refuse, and the
pages and sockets offer only what these allow. ``member`` is an active membership of the
board's course."""

from rapport.walls.models import Board, Card, WhoMayPost


def may_see(card: Card, member) -> bool:
    if card.deleted_at is not None:
        return False
    return card.approved_at is not None or member.is_staff or card.author_id == member.user_id


def may_post(board: Board, member) -> bool:
    if member.is_staff:
        return True
    return not board.is_locked and board.who_may_post == WhoMayPost.EVERYONE


def may_take_part(board: Board, member) -> bool:
    """React and comment: anyone while the board is open; staff always."""
    return member.is_staff or not board.is_locked


def may_move(card: Card, member) -> bool:
    if member.is_staff:
        return True
    return not card.board.is_locked and card.author_id == member.user_id


def may_edit(card: Card, member) -> bool:
    """What a card says is its author's alone (staff may delete it, not reword it)."""
    return card.author_id == member.user_id and (member.is_staff or not card.board.is_locked)


def may_delete(card: Card, member) -> bool:
    return member.is_staff or (card.author_id == member.user_id and not card.board.is_locked)


def author_shown(card: Card, member) -> bool:
    """Whether ``member`` sees who wrote ``card``: always, but for a card posted anonymous to
    classmates, which only staff and its author see the name of."""
    return not card.anonymous or member.is_staff or card.author_id == member.user_id
