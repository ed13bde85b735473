from datetime import UTC, datetime

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from rapport.officehours.models import Assignment, BookingStatus, OfficeHours, Place
from rapport.officehours.services import Rules
from rapport.officehours.services.telling import clock_span
from rapport.officehours.slots import Slot

WEEKDAYS = [(0, "Monday"), (1, "Tuesday"), (2, "Wednesday"), (3, "Thursday"), (4, "Friday")]
WEEKDAYS += [(5, "Saturday"), (6, "Sunday")]


def slot_value(slot: Slot) -> str:
    return slot.starts_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")


def parse_slot_value(text: str) -> datetime | None:
    try:
        return datetime.strptime(text, "%Y-%m-%dT%H:%MZ").replace(tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def slot_label(slot: Slot, zone, *, group: bool = False) -> str:
    """The slot in the viewer's zone: "9:00–9:20 AM" (the day is the group's heading);
    group office hours say how many places are left, down to the last one."""
    starts, ends = slot.starts_at.astimezone(zone), slot.ends_at.astimezone(zone)
    seats = f" · {slot.seats_left} place{'s' if slot.seats_left != 1 else ''} left"
    return clock_span(starts, ends) + (seats if group or slot.seats_left > 1 else "")


def days_of(
    slots: list[Slot], zone, *, group: bool = False
) -> list[tuple[str, list[tuple[str, str]]]]:
    """Slots grouped by the viewer's local day: [(day heading, [(value, label)])]."""
    days: dict[str, list] = {}
    for slot in slots:
        local = slot.starts_at.astimezone(zone)
        heading = f"{local:%A %-d %B}"
        label = slot_label(slot, zone, group=group)
        days.setdefault(heading, []).append((slot_value(slot), label))
    return list(days.items())


class RulesForm(forms.ModelForm):
    class Meta:
        model = OfficeHours
        fields = [
            "title",
            "is_open",
            "timezone",
            "slot_minutes",
            "buffer_before_minutes",
            "buffer_after_minutes",
            "minimum_notice_minutes",
            "horizon_days",
            "max_per_day",
            "max_per_week",
            "per_learner_limit",
            "seats",
            "cancel_notice_minutes",
            "place",
            "place_detail",
            "question",
        ]

    LIMITS = {
        "slot_minutes": (5, 240),
        "buffer_before_minutes": (0, 120),
        "buffer_after_minutes": (0, 120),
        "minimum_notice_minutes": (0, 14 * 24 * 60),
        "horizon_days": (1, 365),
        "max_per_day": (1, 50),
        "max_per_week": (1, 200),
        "per_learner_limit": (1, 20),
        "seats": (1, 50),
        "cancel_notice_minutes": (0, 14 * 24 * 60),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (low, high) in self.LIMITS.items():
            field = self.fields[name]
            field.validators += [MinValueValidator(low), MaxValueValidator(high)]
            field.widget.attrs.update(min=low, max=high)

    def rules(self) -> Rules:
        data = self.cleaned_data
        return Rules(**{name: data[name] for name in self.Meta.fields})

    def clean(self):
        data = super().clean()
        place, detail = data.get("place"), (data.get("place_detail") or "").strip()
        if place == Place.VIDEO and detail and not detail.startswith(("https://", "http://")):
            self.add_error("place_detail", "A video link starts with https://.")
        return data


class WindowForm(forms.Form):
    weekday = forms.TypedChoiceField(choices=WEEKDAYS, coerce=int, label="Day")
    starts = forms.TimeField(label="From", widget=forms.TimeInput(attrs={"type": "time"}))
    ends = forms.TimeField(label="Until", widget=forms.TimeInput(attrs={"type": "time"}))


class ExceptionForm(forms.Form):
    on = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    starts = forms.TimeField(
        label="From", required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    ends = forms.TimeField(
        label="Until",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
    )


class SlotChoiceForm(forms.Form):
    """Pick one of the open slots (the page shows them grouped by day, as radio buttons
    named ``start``) and answer the host's question if you like."""

    start = forms.ChoiceField(
        error_messages={
            "required": "Pick a time first.",
            "invalid_choice": "That time is no longer open. Please pick another.",
        },
    )
    answer = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, days, question: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start"].choices = [option for _, options in days for option in options]
        self.fields["answer"].label = (
            f"{question} (optional)" if question else "Anything to tell them first? (optional)"
        )

    def clean_start(self) -> datetime:
        return parse_slot_value(self.cleaned_data["start"])


class CancelForm(forms.Form):
    message = forms.CharField(
        label="A message (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MarkForm(forms.Form):
    status = forms.ChoiceField(
        label="How did it go?",
        choices=[
            (BookingStatus.ATTENDED, "We met"),
            (BookingStatus.NO_SHOW, "They didn't come"),
            (BookingStatus.BOOKED, "Not marked yet"),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Private note (only the teaching team sees it)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InviteForm(forms.Form):
    starts = forms.MultipleChoiceField(
        label="Times to offer",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Pick at least one time to offer."},
    )
    message = forms.CharField(
        label="A message",
        required=False,
        max_length=2000,
        initial="I'd love to catch up — pick whichever time suits you.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts"].choices = choices

    def clean_starts(self) -> list[datetime]:
        return [parse_slot_value(text) for text in self.cleaned_data["starts"]]


class PoolForm(forms.Form):
    title = forms.CharField(max_length=120, initial="Ask a TA")
    members = forms.ModelMultipleChoiceField(
        queryset=OfficeHours.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Whose office hours",
    )
    assignment = forms.ChoiceField(
        choices=Assignment.choices, initial=Assignment.ROUND_ROBIN, label="Share bookings"
    )

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = OfficeHours.objects.filter(course=course).select_related(
            "host"
        )
        self.fields["members"].label_from_instance = lambda o: o.host.display_name
