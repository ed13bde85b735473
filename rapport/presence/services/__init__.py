"""Writes for presence, split by topic: messages (check-ins, notes, feedback and their
release), conversation (opening, watching, replies, reactions) and templates.

Every function checks the actor's right to do the thing itself. A refusal raises
``Refused`` with a message meant for the person, shown as is."""

from rapport.presence.services.conversation import (
    message_complete,
    message_open,
    reaction_toggle,
    reply_post,
)
from rapport.presence.services.messages import (
    checkin_fan_out,
    checkin_post,
    checkin_release,
    checkins_release_due,
    feedback_give,
    note_send,
)
from rapport.presence.services.scheduled import checkin_cancel, checkin_reschedule
from rapport.presence.services.templates import (
    MAX_NOTES_AT_ONCE,
    notes_send_from_template,
    template_create,
    template_delete,
    template_update,
)

__all__ = [
    "MAX_NOTES_AT_ONCE",
    "checkin_cancel",
    "checkin_fan_out",
    "checkin_post",
    "checkin_release",
    "checkin_reschedule",
    "checkins_release_due",
    "feedback_give",
    "message_complete",
    "message_open",
    "note_send",
    "notes_send_from_template",
    "reaction_toggle",
    "reply_post",
    "template_create",
    "template_delete",
    "template_update",
]
