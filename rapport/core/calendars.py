"""Calendar files (RFC 5545) for anything with a start and an end: a feed or a download
(METHOD:PUBLISH), and meeting invitations and their cancellations sent by email (iMIP,
RFC 6047: METHOD:REQUEST and METHOD:CANCEL, see ``rapport.core.invitations``).

An invitation's VEVENT names its organizer and attendees, keeps one UID for the thing it
describes, and a cancellation repeats that UID with a higher SEQUENCE, which is what
Google Calendar, Outlook and Apple Calendar need to update or remove the event they
already hold rather than add a second one."""

import dataclasses
import functools
import zoneinfo
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone

from rapport.core.plain_text import one_line

PRODID = "-//Rapport//Calendar//EN"
PUBLISH, REQUEST, CANCEL = "PUBLISH", "REQUEST", "CANCEL"
METHODS = frozenset({PUBLISH, REQUEST, CANCEL})
INVITATION_METHODS = frozenset({REQUEST, CANCEL})
_DATETIME_FIELDS = ("starts_at", "ends_at", "stamp")


@dataclass
class CalendarEntry:
    """One VEVENT. ``uid_key`` is stable for the thing it describes (e.g. "event-12");
    ``starts_at`` and ``ends_at`` are aware and written in ``tzid``. ``organizer`` and
    ``attendees`` are (name, email) pairs, written only into invitations; ``sequence``
    goes up each time a sent invitation changes, cancellations included."""

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
    organizer: tuple[str, str] | None = None
    attendees: list[tuple[str, str]] = field(default_factory=list)

    def cancellation(self, *, stamp: datetime) -> "CalendarEntry":
        """The same entry, cancelled, one SEQUENCE higher: what a CANCEL carries."""
        return dataclasses.replace(self, sequence=self.sequence + 1, cancelled=True, stamp=stamp)

    def as_data(self) -> dict:
        """Plain data (strings, numbers, lists) that survives JSON or a task queue."""
        data = dataclasses.asdict(self)
        for name in _DATETIME_FIELDS:
            data[name] = data[name].isoformat()
        data["organizer"] = list(self.organizer) if self.organizer else None
        data["attendees"] = [list(attendee) for attendee in self.attendees]
        return data

    @classmethod
    def from_data(cls, data: dict) -> "CalendarEntry":
        fields = dict(data)
        for name in _DATETIME_FIELDS:
            fields[name] = datetime.fromisoformat(fields[name])
        if fields.get("organizer"):
            fields["organizer"] = tuple(fields["organizer"])
        fields["attendees"] = [tuple(attendee) for attendee in fields.get("attendees") or []]
        return cls(**fields)


def calendar_bytes(entries: list[CalendarEntry], *, name: str, method: str = PUBLISH) -> bytes:
    """A VCALENDAR with one VEVENT per entry, and a VTIMEZONE for every TZID they use.

    With REQUEST or CANCEL every entry must have an organizer: an invitation without one
    is refused by the calendars that receive it."""
    if method not in METHODS:
        raise ValueError(f"Unknown calendar method {method!r}; use one of {sorted(METHODS)}.")
    if method in INVITATION_METHODS and any(entry.organizer is None for entry in entries):
        raise ValueError(f"A {method} needs an organizer for every entry.")
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    for entry in entries:
        calendar.add_component(_vevent(entry, method=method))
    if entries:
        # Zone rules for the years the entries span (not 1970–2038), ahead of the events.
        first = min(e.starts_at for e in entries).year - 1
        last = max(e.ends_at for e in entries).year + 1
        zones = [_vtimezone(tzid, first, last) for tzid in sorted(calendar.get_missing_tzids())]
        calendar.subcomponents[:0] = zones
    return calendar.to_ical()


def _vevent(entry: CalendarEntry, *, method: str = PUBLISH) -> icalendar.Event:
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
    cancelled = entry.cancelled or method == CANCEL
    vevent.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if method in INVITATION_METHODS:
        vevent.add("organizer", _address(*entry.organizer))
        for name, email in entry.attendees:
            vevent.add("attendee", _attendee(name, email))
    return vevent


def _address(name: str, email: str) -> icalendar.vCalAddress:
    address = icalendar.vCalAddress(f"mailto:{one_line(email)}")
    if one_line(name):
        address.params["CN"] = one_line(name)
    return address


def _attendee(name: str, email: str) -> icalendar.vCalAddress:
    address = _address(name, email)
    address.params["ROLE"] = "REQ-PARTICIPANT"
    address.params["PARTSTAT"] = "NEEDS-ACTION"
    address.params["RSVP"] = "TRUE"
    return address


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
