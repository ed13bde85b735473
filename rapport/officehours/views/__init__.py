from rapport.officehours.views.booking import (
    book,
    booking,
    booking_cancel,
    booking_mark,
    booking_move,
    index,
    invite,
    pool,
)
from rapport.officehours.views.hosting import (
    exception_add,
    exception_remove,
    invite_new,
    manage,
    pool_new,
    start,
    window_add,
    window_remove,
)

__all__ = [
    "book",
    "booking",
    "booking_cancel",
    "booking_mark",
    "booking_move",
    "exception_add",
    "exception_remove",
    "index",
    "invite",
    "invite_new",
    "manage",
    "pool",
    "pool_new",
    "start",
    "window_add",
    "window_remove",
]
