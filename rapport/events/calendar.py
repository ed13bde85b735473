"""Calendar files (RFC 5545): one event's .ics, and each person's private feed.

The feed is built from ``FEED_SOURCES``: functions that take a person and give back
``CalendarEntry`` items. Social events are the first source; another feature (office-hours
bookings) joins the same feed by appending its own function there."""

import functools
import zoneinfo
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone

from rapport.core.links import absolute_url
from rapport.events import selectors
from rapport.events.models import Event

PRODID = "-//Rapport//Social events//EN"


@dataclass
class CalendarEntry:
    """One VEVENT. ``uid_key`` is stable for the thing it describes (e.g. "event-12");
    ``starts_at`` and ``ends_at`` are aware and written in ``tzid``."""

    uid_key: str
    summary: str
    starts_at: datetime
    ends_at: datetime
    tzid: str
    stamp: datetime
    description: str = ""
    url: str = ""
    location: str = ""
    sequence: int = 0
    cancelled: bool = False


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


def calendar_bytes(entries: list[CalendarEntry], *, name: str) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for entry in entries:
        calendar.add_component(_vevent(entry))
    if entries:
        # Zone rules for the years the entries span (not 1970–2038), ahead of the events.
        first = min(e.starts_at for e in entries).year - 1
        last = max(e.ends_at for e in entries).year + 1
        zones = [_vtimezone(tzid, first, last) for tzid in sorted(calendar.get_missing_tzids())]
        calendar.subcomponents[:0] = zones
    return calendar.to_ical()


def _vevent(entry: CalendarEntry) -> icalendar.Event:
    zone = _zone(entry.tzid)
    vevent = icalendar.Event()
    vevent.add("uid", f"{entry.uid_key}@{_host()}")
    vevent.add("dtstamp", entry.stamp.astimezone(UTC))
    vevent.add("dtstart", timezone.localtime(entry.starts_at, zone))
    vevent.add("dtend", timezone.localtime(entry.ends_at, zone))
    vevent.add("summary", entry.summary)
    if entry.description:
        vevent.add("description", entry.description)
    if entry.url:
        vevent.add("url", entry.url)
    if entry.location:
        vevent.add("location", entry.location)
    vevent.add("sequence", entry.sequence)
    vevent.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
    return vevent


@functools.lru_cache(maxsize=256)
def _vtimezone(tzid: str, first_year: int, last_year: int) -> icalendar.Timezone:
    """A VTIMEZONE from the tz database; worked out once per zone and span (it takes a few
    milliseconds), and only ever read afterwards."""
    return icalendar.Timezone.from_tzid(
        tzid, first_date=date(first_year, 1, 1), last_date=date(last_year + 1, 1, 1)
    )


def _zone(tzid: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(tzid)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "rapport"
