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


class PeerSuggestionsForm(forms.Form):
    opted_out = forms.BooleanField(
        required=False,
        label="Leave me out of partner suggestions",
        help_text="Your teachers sometimes pair a classmate who is just getting connected with "
        "someone friendly. Tick this and they won't be offered you as a partner.",
    )
