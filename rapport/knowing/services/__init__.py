"""Writes for learner cards, staff notes and milestones, by topic.

Every function checks the actor's right to do the thing itself. A refusal raises
``Refused`` with a message meant for the person, shown as is."""

from rapport.knowing.services.celebrations import milestone_celebrate
from rapport.knowing.services.milestones import (
    birthday_forget,
    birthday_share,
    module_mark_finished,
    personal_milestone_delete,
    personal_milestone_share,
    personal_milestone_update,
)
from rapport.knowing.services.notes import (
    staff_note_add,
    staff_note_delete,
    staff_note_update,
)

__all__ = [
    "birthday_forget",
    "birthday_share",
    "milestone_celebrate",
    "module_mark_finished",
    "personal_milestone_delete",
    "personal_milestone_share",
    "personal_milestone_update",
    "staff_note_add",
    "staff_note_delete",
    "staff_note_update",
]
