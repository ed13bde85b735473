"""Presence pages, split by topic: reading (feed, message, conversation, watched,
reactions), compose (check-ins, notes, feedback), scheduled (changing or cancelling a check-in
before it goes out) and message_templates."""

from rapport.presence.views.compose import checkin_new, feedback_new, note_new
from rapport.presence.views.message_templates import (
    template_delete,
    template_edit,
    template_list,
    template_new,
    template_send,
)
from rapport.presence.views.reading import feed, message_detail, message_watched, react, thread
from rapport.presence.views.scheduled import checkin_cancel, checkin_edit

__all__ = [
    "checkin_cancel",
    "checkin_edit",
    "checkin_new",
    "feed",
    "feedback_new",
    "message_detail",
    "message_watched",
    "note_new",
    "react",
    "template_delete",
    "template_edit",
    "template_list",
    "template_new",
    "template_send",
    "thread",
]
