from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone

from rapport.integrations.api.selectors import token_courses_choices

READ, WRITE = "read", "write"


class CourseChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, course) -> str:
        return f"{course.title} ({course.term})" if course.term else course.title


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        max_length=80,
        help_text="What will use it, so you know which to revoke later: “Gradebook sync”.",
    )
    courses = CourseChoices(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text="The token reaches only these courses, and only while you are in them.",
        error_messages={"required": "Choose at least one course the token may reach."},
    )
    access = forms.ChoiceField(
        choices=[(READ, "Read only"), (WRITE, "Read and write (send notes and shout-outs)")],
        initial=READ,
        widget=forms.RadioSelect,
    )
    expires_on = forms.DateField(
        label="Expires after",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Optional. The token stops working at the end of this day, your time.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["courses"].queryset = token_courses_choices(user=user)

    def clean_expires_on(self):
        day = self.cleaned_data.get("expires_on")
        if day is not None and day < timezone.localdate(timezone=self.user.zone()):
            raise forms.ValidationError("Choose today or a later day, or leave it empty.")
        return day

    def expires_at(self) -> datetime | None:
        day = self.cleaned_data.get("expires_on")
        if day is None:
            return None
        return datetime.combine(day + timedelta(days=1), time.min, tzinfo=self.user.zone())
