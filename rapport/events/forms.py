"""Forms check the shape of what was typed; the services decide whether it makes an event
(an end after its start, a place or more, a web link) and refuse, naming the field."""

import zoneinfo
from datetime import datetime

from django import forms
from django.utils import timezone

from rapport.accounts.models import time_zone_choices
from rapport.events.models import Event, EventKind
from rapport.events.services import EventDetails

FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class WallClockField(forms.DateTimeField):
    """A date and time as typed, with no zone yet: the form's own zone field decides it."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def to_python(self, value):
        with timezone.override(zoneinfo.ZoneInfo("UTC")):
            result = super().to_python(value)
        return None if result is None else timezone.make_naive(result, zoneinfo.ZoneInfo("UTC"))

    def prepare_value(self, value):
        return value


class EventForm(forms.Form):
    kind = forms.ChoiceField(label="What kind of event", choices=EventKind.choices)
    title = forms.CharField(max_length=120, help_text="For example “Friday trivia”.")
    description = forms.CharField(
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What to bring, what you'll do — keep it light.",
    )
    starts_at = WallClockField(label="Starts", input_formats=FORMATS)
    ends_at = WallClockField(label="Ends", input_formats=FORMATS)
    timezone = forms.ChoiceField(label="Time zone of these times", choices=time_zone_choices)
    meeting_link = forms.CharField(
        label="Meeting link",
        required=False,
        max_length=500,
        help_text="Optional: the video call's address, starting with https://.",
    )
    capacity = forms.IntegerField(
        label="Places",
        required=False,
        help_text="Optional: leave empty for no limit.",
    )

    def __init__(self, *args, event: Event | None = None, course=None, **kwargs):
        if event is not None:
            zone = event.zone()
            kwargs.setdefault(
                "initial",
                {
                    "kind": event.kind,
                    "title": event.title,
                    "description": event.description,
                    "starts_at": timezone.make_naive(event.starts_at, zone),
                    "ends_at": timezone.make_naive(event.ends_at, zone),
                    "timezone": event.timezone,
                    "meeting_link": event.meeting_link,
                    "capacity": event.capacity,
                },
            )
        elif course is not None:
            kwargs.setdefault("initial", {"timezone": course.timezone})
        super().__init__(*args, **kwargs)

    def details(self) -> EventDetails:
        data = self.cleaned_data
        zone = zoneinfo.ZoneInfo(data["timezone"])
        return EventDetails(
            kind=data["kind"],
            title=data["title"],
            description=data["description"],
            starts_at=_aware(data["starts_at"], zone),
            ends_at=_aware(data["ends_at"], zone),
            timezone=data["timezone"],
            meeting_link=data["meeting_link"],
            capacity=data["capacity"],
        )


def _aware(wall_clock: datetime, zone: zoneinfo.ZoneInfo) -> datetime:
    return wall_clock.replace(tzinfo=zone)


class EventSettingsForm(forms.Form):
    learners_may_create = forms.BooleanField(
        label="Learners may plan events too",
        required=False,
        help_text="They can plan a coffee chat or a study hall for the class; "
        "you can still change or cancel anything.",
    )
