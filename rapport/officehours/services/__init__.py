from rapport.officehours.services.availability import (
    Rules,
    date_exception_add,
    date_exception_remove,
    office_hours_save,
    office_hours_start,
    weekly_window_add,
    weekly_window_remove,
)
from rapport.officehours.services.booking import (
    Choice,
    booking_cancel,
    booking_make,
    booking_mark,
    booking_record,
    booking_reschedule,
    is_changeable,
    too_late_for_learner,
)
from rapport.officehours.services.invites import invite_accept, invite_send, offered_starts
from rapport.officehours.services.pools import pool_book, pool_save, pool_slots
from rapport.officehours.services.reminders import REMIND_BEFORE, reminders_send_due

__all__ = [
    "REMIND_BEFORE",
    "Choice",
    "Rules",
    "booking_cancel",
    "booking_make",
    "booking_mark",
    "booking_record",
    "booking_reschedule",
    "date_exception_add",
    "date_exception_remove",
    "invite_accept",
    "is_changeable",
    "invite_send",
    "offered_starts",
    "office_hours_save",
    "office_hours_start",
    "pool_book",
    "pool_save",
    "pool_slots",
    "reminders_send_due",
    "too_late_for_learner",
    "weekly_window_add",
    "weekly_window_remove",
]
