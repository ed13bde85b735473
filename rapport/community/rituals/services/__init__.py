"""Writes for rituals, split by topic: schedule (rituals, opening and settling rounds),
answers (a learner's post with words, photo or voice), social (reactions, replies, votes)
and featuring. A refusal raises ``Refused`` with a message for the person."""

from rapport.community.rituals.services.answers import NOTHING_TO_POST, ritual_answer_post
from rapport.community.rituals.services.featuring import post_feature
from rapport.community.rituals.services.schedule import (
    open_round_of,
    ritual_create,
    ritual_open_now,
    ritual_round_open_due,
    ritual_update,
    round_notify_learners,
    round_settle,
    rounds_open_due,
    rounds_settle_due,
)
from rapport.community.rituals.services.social import (
    post_react,
    post_reply,
    post_vote,
)

__all__ = [
    "NOTHING_TO_POST",
    "open_round_of",
    "post_feature",
    "post_react",
    "post_reply",
    "ritual_answer_post",
    "post_vote",
    "ritual_create",
    "ritual_open_now",
    "ritual_round_open_due",
    "ritual_update",
    "round_notify_learners",
    "round_settle",
    "rounds_open_due",
    "rounds_settle_due",
]
