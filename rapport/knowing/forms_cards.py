"""Forms for learner cards, staff notes and milestones. They check the shape of what was
typed; the services decide whether it may be saved (and say why not)."""

import calendar

from django import forms

from rapport.knowing.models.milestones import MilestoneVisibility
from rapport.knowing.models.notes import NOTE_MAX_LENGTH
from rapport.knowing.selectors.roster import NO_CONTACT_DAYS, RosterFilters, RosterOptions


class RosterFilterForm(forms.Form):
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Name, email, goal…"}),
        help_text="Searches names, emails, goals and interests.",
    )
    interest = forms.ChoiceField(label="Interest", required=False)
    timezone = forms.ChoiceField(label="Time zone", required=False)
    channel = forms.ChoiceField(label="Prefers", required=False)
    not_answered = forms.BooleanField(label="Hasn't answered the intro survey", required=False)
    no_contact = forms.BooleanField(
        label=f"No contact from the team in {NO_CONTACT_DAYS} days", required=False
    )

    def __init__(self, *args, options: RosterOptions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interest"].choices = [("", "Any interest"), *options.interests]
        self.fields["timezone"].choices = [("", "Any time zone"), *options.timezones]
        self.fields["channel"].choices = [("", "Any way"), *options.channels]

    def filters(self) -> RosterFilters:
        """The filters that were valid; one out-of-date choice (an interest nobody has any
        more) is dropped with a message rather than hiding everyone."""
        if not self.is_bound:
            return RosterFilters()
        self.is_valid()
        data = self.cleaned_data
        return RosterFilters(
            q=data.get("q") or "",
            interest=data.get("interest") or "",
            timezone=data.get("timezone") or "",
            channel=data.get("channel") or "",
            not_answered=bool(data.get("not_answered")),
            no_contact=bool(data.get("no_contact")),
        )


class StaffNoteForm(forms.Form):
    body = forms.CharField(
        label="Add a note",
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


MONTHS = [("", "Month")] + [(str(m), calendar.month_name[m]) for m in range(1, 13)]
DAYS = [("", "Day")] + [(str(d), str(d)) for d in range(1, 32)]


class BirthdayForm(forms.Form):
    share = forms.BooleanField(
        label="Share my birthday with my teachers",
        required=False,
        help_text="Month and day only — never the year. Only the teaching team of each "
        "course you take here will see it. Untick to stop sharing.",
    )
    month = forms.TypedChoiceField(label="Month", choices=MONTHS, coerce=int, required=False)
    day = forms.TypedChoiceField(label="Day", choices=DAYS, coerce=int, required=False)

    def clean(self):
        data = super().clean()
        if data.get("share") and not (data.get("month") and data.get("day")):
            raise forms.ValidationError("Choose the month and the day of your birthday.")
        return data


class PersonalMilestoneForm(forms.Form):
    text = forms.CharField(
        label="What happened?",
        required=False,
        max_length=200,
        help_text="For example “started a new job” or “ran my first 5K”.",
    )
    happened_on = forms.DateField(
        label="When",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    visibility = forms.ChoiceField(
        label="Who can see it",
        choices=MilestoneVisibility.choices,
        initial=MilestoneVisibility.STAFF,
        widget=forms.RadioSelect,
    )


class CelebrateForm(forms.Form):
    occasion = forms.CharField(max_length=40, required=False, widget=forms.HiddenInput)
    body = forms.CharField(
        label="Your note",
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ModuleFinishedForm(forms.Form):
    title = forms.CharField(
        label="Module the class just finished",
        required=False,
        max_length=120,
        help_text="Every learner in the course gets this milestone, ready to celebrate.",
    )
