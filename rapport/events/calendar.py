"""Calendar files (RFC 5545) for social events: one event's .ics, and each person's private
feed. The files themselves are built by ``rapport.core.calendars``.

The feed is built from ``FEED_SOURCES``: functions that take a person and give back
``CalendarEntry`` items. Social events are the first source; another feature (office-hours
bookings) joins the same feed by appending its own function there."""

from collections.abc import Callable, Iterable

from rapport.core.calendars import CalendarEntry, calendar_bytes
from rapport.core.links import absolute_url
from rapport.events import selectors
from rapport.events.models import Event


def event_entry(event: Event) -> CalendarEntry:
    page = absolute_url(event.get_absolute_url())
    description = event.description
    if event.meeting_link:
        description = f"{description}\n\nJoin: {event.meeting_link}".strip()
    description = f"{description}\n\n{event.course.title}: {page}".strip()
    return CalendarEntry(
        uid_key=f"event-{event.pk}",
        summary=event.title + (" (cancelled)" if event.is_cancelled else ""),
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        tzid=event.timezone,
        stamp=event.updated_at,
        description=description,
        url=event.meeting_link or page,
        location=event.meeting_link,
        sequence=event.sequence,
        cancelled=event.is_cancelled,
    )


def _events_of(user) -> Iterable[CalendarEntry]:
    return [event_entry(event) for event in selectors.feed_events(user=user)]


FEED_SOURCES: list[Callable[[object], Iterable[CalendarEntry]]] = [_events_of]


def feed_calendar(user, *, sources=None) -> bytes:
    """Everything the person's calendar link lists, from every source."""
    entries = [entry for source in (sources or FEED_SOURCES) for entry in source(user)]
    return calendar_bytes(entries, name="Rapport")


def event_calendar(event: Event) -> bytes:
    return calendar_bytes([event_entry(event)], name=event.title)
