"""Writes to live sessions: opening one and filling it with activities (editing, removing
and reordering them), stepping through them, locking, revealing and resetting, closing;
joining and answering. Each checks who may do it, keeps the ledger, and tells the
session's screens (``rapport.live.broadcast``)."""

from rapport.live.services.answering import AnswerItem, answer_give, answers_give_many
from rapport.live.services.answers import guest_join, participant_for_member, upvote_toggle
from rapport.live.services.hosting import activity_lock, activity_reset, activity_reveal
from rapport.live.services.preparing import activity_edit, activity_move, activity_remove
from rapport.live.services.prompts import PROMPT_BANK, PROMPTS_BY_KEY
from rapport.live.services.sessions import (
    activity_add,
    activity_add_from_bank,
    activity_go,
    session_close,
    session_create,
)

__all__ = [
    "AnswerItem",
    "PROMPTS_BY_KEY",
    "PROMPT_BANK",
    "activity_add",
    "activity_add_from_bank",
    "activity_edit",
    "activity_go",
    "activity_lock",
    "activity_move",
    "activity_remove",
    "activity_reset",
    "activity_reveal",
    "answer_give",
    "answers_give_many",
    "guest_join",
    "participant_for_member",
    "session_close",
    "session_create",
    "upvote_toggle",
]
