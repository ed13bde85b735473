"""Writes of the groups app. Import from here: ``from rapport.groups import services``."""

from rapport.groups.services.editing import group_lock, member_move
from rapport.groups.services.formation import group_set_form, published_rounds, round_score
from rapport.groups.services.publishing import round_publish, rounds_publish_due
from rapport.groups.services.sets import (
    Criteria,
    group_set_create,
    group_set_form_later,
    group_set_update,
)
from rapport.groups.services.sharing import reflection_share, reflection_unshare

__all__ = [
    "Criteria",
    "group_lock",
    "group_set_create",
    "group_set_form",
    "group_set_form_later",
    "group_set_update",
    "member_move",
    "published_rounds",
    "reflection_share",
    "reflection_unshare",
    "round_publish",
    "round_score",
    "rounds_publish_due",
]
