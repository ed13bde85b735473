"""Meeting invitations by email (iMIP, RFC 6047).

The message is the plain text, with the calendar as a ``text/calendar; method=…``
alternative (what Gmail, Outlook and Apple Mail turn into Accept/Decline buttons) and again
as an ``invite.ics`` attachment (for clients that only offer attachments). The METHOD in
the part's content type matches the one inside the calendar, as Outlook requires."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from rapport.core.calendars import INVITATION_METHODS, CalendarEntry, calendar_bytes
from rapport.core.plain_text import one_line

ATTACHMENT_NAME = "invite.ics"
ATTACHMENT_TYPE = "application/ics"


def invitation_email(
    *,
    subject: str,
    body: str,
    to: list[str],
    entry: CalendarEntry,
    method: str,
    from_email: str | None = None,
) -> EmailMultiAlternatives:
    """An unsent message inviting ``to`` to ``entry`` (REQUEST) or calling it off (CANCEL).

    Calendars trust an invitation most when it comes from the organizer's own address, so
    pass ``from_email`` equal to the entry's organizer email when the mail setup allows."""
    if method not in INVITATION_METHODS:
        raise ValueError(f"An invitation is a REQUEST or a CANCEL, not {method!r}.")
    calendar = calendar_bytes([entry], name=entry.summary, method=method)
    message = EmailMultiAlternatives(
        one_line(subject), body, from_email or settings.DEFAULT_FROM_EMAIL, to
    )
    # Django appends the charset to a text/* part's type: text/calendar; method=…; charset
    message.attach_alternative(calendar.decode(), f"text/calendar; method={method}")
    message.attach(ATTACHMENT_NAME, calendar, ATTACHMENT_TYPE)
    return message
