"""Calendar files and meeting invitations read back the way calendars read them: the
VCALENDAR through icalendar, the email through its MIME parts."""

import email
import zoneinfo
from datetime import UTC, datetime

import icalendar
import pytest
from django.core import mail

from rapport.core.calendars import CalendarEntry, calendar_bytes
from rapport.core.invitations import invitation_email
from rapport.core.tasks import send_invitation

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
ORGANIZER = ("Dr. Rosa Lee", "rosa@school.example")
ATTENDEES = [("Ana Ruiz", "ana@school.example"), ("Sam O'Neil", "sam@school.example")]


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://rapport.school.example"


def booking(**fields) -> CalendarEntry:
    """Office hours two days after the clocks go forward in Chicago (14 March 2027)."""
    return CalendarEntry(
        **{
            "uid_key": "booking-7",
            "summary": "Office hours with Dr. Lee",
            "starts_at": datetime(2027, 3, 16, 9, 0, tzinfo=CHICAGO),
            "ends_at": datetime(2027, 3, 16, 9, 30, tzinfo=CHICAGO),
            "tzid": "America/Chicago",
            "stamp": datetime(2027, 3, 1, 12, 0, tzinfo=UTC),
            "description": "Bring your draft.",
            "sequence": 2,
            "organizer": ORGANIZER,
            "attendees": ATTENDEES,
            **fields,
        }
    )


def only_event(data: bytes) -> tuple[icalendar.Calendar, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(data)
    (vevent,) = calendar.walk("VEVENT")
    return calendar, vevent


def test_a_request_names_organizer_and_attendees_and_keeps_the_wall_clock_in_its_zone():
    calendar, vevent = only_event(
        calendar_bytes([booking()], name="Office hours", method="REQUEST")
    )

    assert str(calendar["method"]) == "REQUEST"
    assert str(vevent["uid"]) == "booking-7@rapport.school.example"
    assert vevent.decoded("sequence") == 2
    assert vevent.decoded("dtstamp") == datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
    assert str(vevent["status"]) == "CONFIRMED"

    organizer = vevent["organizer"]
    assert str(organizer) == "mailto:rosa@school.example"
    assert organizer.params["CN"] == "Dr. Rosa Lee"
    attendees = {str(a): a.params for a in vevent["attendee"]}
    assert set(attendees) == {"mailto:ana@school.example", "mailto:sam@school.example"}
    assert attendees["mailto:sam@school.example"]["CN"] == "Sam O'Neil"
    for params in attendees.values():
        assert params["ROLE"] == "REQ-PARTICIPANT"
        assert params["PARTSTAT"] == "NEEDS-ACTION"
        assert params["RSVP"] == "TRUE"

    assert vevent["dtstart"].params["TZID"] == "America/Chicago"
    starts = vevent.decoded("dtstart")
    assert (starts.hour, starts.minute) == (9, 0)
    assert starts.astimezone(UTC) == datetime(2027, 3, 16, 14, 0, tzinfo=UTC)  # CDT, UTC-5
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["tzid"]) == "America/Chicago"


def test_a_cancel_repeats_the_uid_one_sequence_higher_and_is_cancelled():
    sent = booking()
    _, request = only_event(calendar_bytes([sent], name="x", method="REQUEST"))
    cancel_calendar, cancel = only_event(
        calendar_bytes(
            [sent.cancellation(stamp=datetime(2027, 3, 2, tzinfo=UTC))], name="x", method="CANCEL"
        )
    )

    assert str(cancel_calendar["method"]) == "CANCEL"
    assert str(cancel["uid"]) == str(request["uid"])
    assert cancel.decoded("sequence") == request.decoded("sequence") + 1
    assert str(cancel["status"]) == "CANCELLED"
    assert str(cancel["organizer"]) == "mailto:rosa@school.example"
    assert len(cancel["attendee"]) == 2


def test_a_feed_entry_publishes_without_people_and_an_invitation_needs_an_organizer():
    _, published = only_event(calendar_bytes([booking()], name="Rapport"))
    assert "organizer" not in published and "attendee" not in published

    with pytest.raises(ValueError, match="organizer"):
        calendar_bytes([booking(organizer=None)], name="x", method="REQUEST")
    with pytest.raises(ValueError):
        calendar_bytes([booking()], name="x", method="REPLY")


def test_names_with_line_breaks_stay_on_their_line():
    entry = booking(organizer=("Rosa\r\nATTENDEE:mailto:evil@example.org", "rosa@school.example"))
    _, vevent = only_event(calendar_bytes([entry], name="x", method="REQUEST"))
    assert vevent["organizer"].params["CN"] == "Rosa ATTENDEE:mailto:evil@example.org"
    assert len(vevent["attendee"]) == 2


def test_entry_data_round_trips_through_plain_values():
    entry = booking()
    data = entry.as_data()

    assert data["starts_at"] == "2027-03-16T09:00:00-05:00"
    assert data["organizer"] == list(ORGANIZER)
    assert all(isinstance(value, str | int | bool | list | type(None)) for value in data.values())
    assert CalendarEntry.from_data(data) == entry
    assert (
        CalendarEntry.from_data(booking(organizer=None, attendees=[]).as_data()).organizer is None
    )


def parts(message) -> dict[str, email.message.Message]:
    parsed = email.message_from_bytes(message.message().as_bytes())
    return {part.get_content_type(): part for part in parsed.walk()}


def test_an_invitation_email_carries_the_calendar_inline_and_attached():
    message = invitation_email(
        subject="Office hours\nBcc: everyone@school.example",
        body="See you on Tuesday.",
        to=["ana@school.example"],
        entry=booking(),
        method="REQUEST",
    )
    message.send()

    (sent,) = mail.outbox
    assert sent.subject == "Office hours Bcc: everyone@school.example"
    assert sent.body == "See you on Tuesday."
    found = parts(sent)
    assert set(found) >= {"multipart/mixed", "multipart/alternative", "text/plain"}
    inline = found["text/calendar"]
    assert inline.get_param("method") == "REQUEST"
    assert inline.get_content_charset() == "utf-8"
    assert inline.get_filename() is None
    calendar, vevent = only_event(inline.get_payload(decode=True))
    assert str(calendar["method"]) == "REQUEST"
    assert str(vevent["uid"]) == "booking-7@rapport.school.example"

    attached = found["application/ics"]
    assert attached.get_filename() == "invite.ics"
    # The text part's lines end as the message's do (CRLF once sent over SMTP).
    inline_lines = inline.get_payload(decode=True).splitlines()
    assert attached.get_payload(decode=True).splitlines() == inline_lines


def test_an_invitation_is_only_a_request_or_a_cancel():
    with pytest.raises(ValueError):
        invitation_email(
            subject="s", body="b", to=["a@x.example"], entry=booking(), method="PUBLISH"
        )


def test_the_task_sends_a_cancellation_from_plain_data():
    entry = booking().cancellation(stamp=datetime(2027, 3, 2, tzinfo=UTC))
    send_invitation(
        subject="Cancelled:\r\nOffice hours",
        body="Sorry, I have to move this.",
        to=["ana@school.example", "sam@school.example"],
        entry_data=entry.as_data(),
        method="CANCEL",
    )

    (sent,) = mail.outbox
    assert sent.subject == "Cancelled: Office hours"
    assert sent.to == ["ana@school.example", "sam@school.example"]
    inline = parts(sent)["text/calendar"]
    assert inline.get_param("method") == "CANCEL"
    calendar, vevent = only_event(inline.get_payload(decode=True))
    assert str(calendar["method"]) == "CANCEL"
    assert str(vevent["status"]) == "CANCELLED"
    assert vevent.decoded("sequence") == 3
