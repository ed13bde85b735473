"""Forms check the shape of what staff typed; the services decide whether it may be saved
(an intro survey that is never anonymous, enough options, an order that adds up...)."""

from django import forms

from rapport.core.forms import CourseDateTimeField
from rapport.surveys.models import QuestionType
from rapport.surveys.services.building import CHOICE_TYPES, MAX_REMINDER_DAYS

OPTION_TYPES = " ".join(sorted(CHOICE_TYPES))


class SurveyForm(forms.Form):
    title = forms.CharField(max_length=160, help_text="For example “How's the pace?”.")
    intro = forms.CharField(
        label="Introduction",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Shown above the questions. Markdown works: **bold**, *italic*, lists, links.",
    )
    anonymous = forms.BooleanField(
        label="Anonymous: store answers with no link to the person",
        required=False,
        help_text="You'll see how many people answered and what was said, never who said "
        "what. Learners can't change anonymous answers after sending. This can't change "
        "once the survey is published.",
    )
    opens_at = CourseDateTimeField(label="Opens", required=False)
    closes_at = CourseDateTimeField(label="Closes", required=False)
    reminder_every_days = forms.IntegerField(
        label="Remind people who haven't answered every … days",
        min_value=0,
        max_value=MAX_REMINDER_DAYS,
        initial=0,
        help_text="0 means no reminders. Everyone is told once when the survey opens.",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args, course, is_intro: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        zone_help = f"In the course's time zone ({course.timezone})."
        self.fields["opens_at"].zone = course.zone()
        self.fields["opens_at"].help_text = zone_help + " Empty: as soon as it's published."
        self.fields["closes_at"].zone = course.zone()
        self.fields["closes_at"].help_text = zone_help + " Empty: stays open until you close it."
        if is_intro:
            # The intro survey is never anonymous; the service refuses it anyway.
            del self.fields["anonymous"]

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", "The survey needs to close after it opens.")
        return data


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class QuestionForm(forms.Form):
    type = forms.ChoiceField(label="Kind of question", choices=QuestionType.choices)
    prompt = forms.CharField(label="Question", max_length=300)
    help_text = forms.CharField(
        label="Help text", required=False, max_length=300, help_text="Optional, shown under it."
    )
    required = forms.BooleanField(label="An answer is required", required=False)
    choices = forms.CharField(
        label="Options",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="One per line. For single choice, multiple choice and ranking questions.",
    )
    low = forms.CharField(
        label="What 1 means",
        required=False,
        max_length=60,
        help_text="For a 1–5 scale, e.g. “Not at all”.",
    )
    high = forms.CharField(
        label="What 5 means",
        required=False,
        max_length=60,
        help_text="For a 1–5 scale, e.g. “Very much”.",
    )
    suggestions = forms.CharField(
        label="Suggested interests",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One per line, for interest tags. People can add their own too.",
    )

    @classmethod
    def initial_for(cls, question) -> dict:
        options = question.options or {}
        return {
            "type": question.type,
            "prompt": question.prompt,
            "help_text": question.help_text,
            "required": question.required,
            "choices": "\n".join(options.get("choices") or []),
            "low": options.get("low", ""),
            "high": options.get("high", ""),
            "suggestions": "\n".join(options.get("suggestions") or []),
        }

    def question_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "type": data["type"],
            "prompt": data["prompt"],
            "help_text": data["help_text"],
            "required": data["required"],
            "options": {
                "choices": _lines(data["choices"]),
                "low": data["low"],
                "high": data["high"],
                "suggestions": _lines(data["suggestions"]),
            },
        }
