from django import forms

from rapport.surveys.pulse import EVERY_WEEKS_CHOICES


class PulseScheduleForm(forms.Form):
    enabled = forms.BooleanField(
        label="Ask learners the belonging pulse",
        required=False,
        help_text="Three 1–5 questions: connected to you, to classmates, to the learning.",
    )
    every_weeks = forms.TypedChoiceField(
        label="How often",
        coerce=int,
        choices=[(n, "Every week" if n == 1 else f"Every {n} weeks") for n in EVERY_WEEKS_CHOICES],
        initial=2,
    )
