from rapport.events.views.calendars import calendar_link, calendar_link_renew, event_ics, feed
from rapport.events.views.pages import (
    event_cancel,
    event_edit,
    event_new,
    event_page,
    index,
    settings_save,
)
from rapport.events.views.taking_part import attendance, check_in, rsvp

__all__ = [
    "attendance",
    "calendar_link",
    "calendar_link_renew",
    "check_in",
    "event_cancel",
    "event_edit",
    "event_ics",
    "event_new",
    "event_page",
    "feed",
    "index",
    "rsvp",
    "settings_save",
]
