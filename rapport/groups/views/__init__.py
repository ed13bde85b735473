from rapport.groups.views.sets import (
    group_lock,
    member_move,
    round_publish,
    set_edit,
    set_new,
    set_page,
    set_progress,
    set_reform,
)
from rapport.groups.views.space import group_page, index, reflection_share, reflection_unshare

__all__ = [
    "group_lock",
    "group_page",
    "index",
    "member_move",
    "reflection_share",
    "reflection_unshare",
    "round_publish",
    "set_edit",
    "set_new",
    "set_page",
    "set_progress",
    "set_reform",
]
