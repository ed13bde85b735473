"""Telling both people of a meeting what happened to it: in the app (the other person),
and by email with a calendar invitation (both), which calendars add, move or remove.

The invitation is one calendar event for the booking's whole life: its UID is the
booking's, and its SEQUENCE grows with each change, so Google, Outlook and Apple replace
their copy rather than add a second one. Times in each email are the reader's own."""

from datetime import datetime

from django.db import transaction

from rapport.core.calendars import CalendarEntry
from rapport.core.kinds import NotificationKind
from rapport.core.links import absolute_url
from rapport.core.notifications import notify, opted_out
from rapport.officehours.models import Booking, Place

REQUEST, CANCEL = "REQUEST", "CANCEL"


def when_for(booking: Booking, person) -> str:
    """The meeting's time in the person's own zone, named: "Tue 16 Mar, 9:00–9:20 AM your
    time (America/Chicago)"."""
    zone = person.zone()
    starts, ends = booking.starts_at.astimezone(zone), booking.ends_at.astimezone(zone)
    place = person.timezone.replace("_", " ")
    return f"{starts:%a %-d %b}, {clock_span(starts, ends)} your time ({place})"


def clock_span(starts: datetime, ends: datetime) -> str:
    """ "9:00–9:20 AM", or "11:40 PM–12:00 AM" when the half of the day changes."""
    first = f"{starts:%-I:%M}" if f"{starts:%p}" == f"{ends:%p}" else f"{starts:%-I:%M %p}"
    return f"{first}–{ends:%-I:%M %p}"


def place_text(booking: Booking) -> str:
    office_hours = booking.office_hours
    if office_hours.place == Place.CHAT:
        return "In Rapport chat"
    label = office_hours.get_place_display()
    return f"{label}: {office_hours.place_detail}" if office_hours.place_detail else label


def calendar_entry(booking: Booking, *, stamp: datetime) -> CalendarEntry:
    office_hours, host, learner = booking.office_hours, booking.host, booking.learner
    page = absolute_url(booking.get_absolute_url())
    lines = [f"{office_hours.title} with {host.display_name}, {booking.course.title}."]
    lines.append(place_text(booking))
    if booking.answer:
        lines.append(f"{learner.display_name} would like to talk about: {booking.answer}")
    lines.append(f"Move or cancel: {page}")
    return CalendarEntry(
        uid_key=f"booking-{booking.uid}",
        summary=f"{office_hours.title}: {host.display_name} and {learner.display_name}",
        starts_at=booking.starts_at,
        ends_at=booking.ends_at,
        tzid=office_hours.timezone,
        stamp=stamp,
        description="\n\n".join(lines),
        url=page,
        location=office_hours.place_detail or office_hours.get_place_display(),
        sequence=booking.sequence,
        cancelled=not booking.is_active,
        organizer=(host.display_name, host.email),
        attendees=[(learner.display_name, learner.email)],
    )


def _email_both(booking: Booking, *, method: str, headline: str, extra: str = "") -> None:
    """Each person's invitation (or cancellation), after the commit, unless they turned
    off emails about office-hours meetings."""
    from rapport.core.tasks import send_invitation

    entry = calendar_entry(booking, stamp=booking.updated_at).as_data()
    for person in (booking.learner, booking.host):
        if opted_out(user=person, kind=NotificationKind.BOOKING_CHANGED, channel="email"):
            continue
        body = "\n\n".join(
            part
            for part in (
                headline,
                when_for(booking, person),
                place_text(booking),
                extra,
                f"See it in Rapport: {absolute_url(booking.get_absolute_url())}",
            )
            if part
        )
        subject = f"{headline} — {when_for(booking, person)}"

        def send(person=person, body=body, subject=subject) -> None:
            send_invitation(
                subject=subject, body=body, to=[person.email], entry_data=entry, method=method
            )

        transaction.on_commit(send)


def _tell_in_app(booking: Booking, *, recipient, actor, title: str, body: str = ""):
    return notify(
        recipient=recipient,
        kind=NotificationKind.BOOKING_CHANGED,
        title=title,
        body=body,
        url=booking.get_absolute_url(),
        course=booking.course,
        actor=actor,
        email=False,  # the invitation is the email
    )


def host_told(booking: Booking):
    """The host's notice in the app of a new booking (the notification, or None)."""
    learner, host = booking.learner, booking.host
    return _tell_in_app(
        booking,
        recipient=host,
        actor=learner,
        title=f"{learner.display_name} booked {when_for(booking, host)}",
        body=booking.answer,
    )


def booked(booking: Booking) -> None:
    learner, host = booking.learner, booking.host
    host_told(booking)
    headline = f"{booking.office_hours.title} with {host.display_name} and {learner.display_name}"
    _email_both(booking, method=REQUEST, headline=headline)


def moved(booking: Booking, *, by) -> None:
    other = booking.host if by.pk == booking.learner_id else booking.learner
    _tell_in_app(
        booking,
        recipient=other,
        actor=by,
        title=f"{by.display_name} moved your meeting to {when_for(booking, other)}",
    )
    _email_both(booking, method=REQUEST, headline=f"Meeting moved by {by.display_name}")


def cancelled(booking: Booking, *, by) -> None:
    other = booking.host if by.pk == booking.learner_id else booking.learner
    _tell_in_app(
        booking,
        recipient=other,
        actor=by,
        title=f"{by.display_name} cancelled your meeting on {when_for(booking, other)}",
        body=booking.cancel_message,
    )
    extra = f"{by.display_name} wrote: {booking.cancel_message}" if booking.cancel_message else ""
    _email_both(
        booking, method=CANCEL, headline=f"Meeting cancelled by {by.display_name}", extra=extra
    )
