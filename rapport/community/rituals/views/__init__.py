"""Ritual pages, split by topic: manage (the list, setting one up, opening a round now),
rounds (a round's page, answering, photos, the archive) and posts (one post, reactions,
replies, votes, featuring)."""

from rapport.community.rituals.views.manage import (
    ritual_edit,
    ritual_list,
    ritual_new,
    ritual_open_now,
)
from rapport.community.rituals.views.posts import (
    post_detail,
    post_feature,
    post_react,
    post_reply,
    post_vote,
)
from rapport.community.rituals.views.rounds import (
    answer,
    archive,
    photo,
    ritual_current,
    round_detail,
)

__all__ = [
    "answer",
    "archive",
    "photo",
    "post_detail",
    "post_feature",
    "post_react",
    "post_reply",
    "post_vote",
    "ritual_current",
    "ritual_edit",
    "ritual_list",
    "ritual_new",
    "ritual_open_now",
    "round_detail",
]
