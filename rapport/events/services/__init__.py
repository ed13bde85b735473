from rapport.events.services.feeds import calendar_feed_get, calendar_feed_renew
from rapport.events.services.planning import (
    EventDetails,
    event_announce,
    event_cancel,
    event_create,
    event_settings_save,
    event_update,
)
from rapport.events.services.reminders import REMIND_BEFORE, reminders_send_due
from rapport.events.services.taking_part import attendance_mark, check_in, rsvp_set

__all__ = [
    "REMIND_BEFORE",
    "EventDetails",
    "attendance_mark",
    "calendar_feed_get",
    "calendar_feed_renew",
    "check_in",
    "event_announce",
    "event_cancel",
    "event_create",
    "event_settings_save",
    "event_update",
    "reminders_send_due",
    "rsvp_set",
]
