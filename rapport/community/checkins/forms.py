"""Forms check the shape of what was typed; the services decide whether it may be saved
(a learner of the course, an open prompt, under the daily limit...)."""

from django import forms

from rapport.community.models.checkins import (
    MOOD_WORD_MAX_CHARS,
    PROMPT_MAX_CHARS,
    REFLECTION_MAX_CHARS,
    REPLY_MAX_CHARS,
    MoodScore,
)
from rapport.core.forms import CourseDateTimeField


def _too_long(what: str) -> str:
    return what + " is %(show_value)d characters long; please keep it to %(limit_value)d or fewer."


class MoodForm(forms.Form):
    score = forms.TypedChoiceField(
        label="How are you feeling?",
        coerce=int,
        choices=MoodScore.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how you're feeling — pick one of the five faces.",
            "invalid_choice": "Choose one of the five faces, from Really low to Great.",
        },
    )
    word = forms.CharField(
        label="A word for it (optional)",
        required=False,
        max_length=MOOD_WORD_MAX_CHARS,
        error_messages={"max_length": _too_long("Your word")},
    )
    wants_help = forms.BooleanField(label="I could use some help", required=False)


class ReflectionAnswerForm(forms.Form):
    text = forms.CharField(
        label="Your reflection",
        max_length=REFLECTION_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Only you and your teachers will see this. Markdown works: **bold**, "
        "*italic*, lists.",
        error_messages={
            "required": "Write a few words before saving — even one sentence is plenty.",
            "max_length": _too_long("Your reflection"),
        },
    )


class ReflectionReplyForm(forms.Form):
    text = forms.CharField(
        label="Reply privately",
        max_length=REPLY_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only this learner sees your reply.",
        error_messages={
            "required": "Write your reply first.",
            "max_length": _too_long("Your reply"),
        },
    )


class ReflectionPromptForm(forms.Form):
    text = forms.CharField(
        label="Prompt",
        max_length=PROMPT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example “What surprised you this week, and why?”",
        error_messages={
            "required": "Write the question you'd like your learners to reflect on.",
            "max_length": _too_long("The prompt"),
        },
    )
    opens_at = CourseDateTimeField(
        label="Opens at", required=False, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
    )
    closes_at = CourseDateTimeField(
        label="Closes at (optional)",
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text="Learners can change their answer until then. Leave empty to keep it open.",
    )

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("opens_at", "closes_at"):
            self.fields[name].zone = course.zone()
        self.fields["opens_at"].help_text = (
            "Leave empty to open it now. Learners are told when it opens. Times are in the "
            f"course's time zone ({course.timezone})."
        )

    def clean(self):
        cleaned = super().clean()
        opens_at, closes_at = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens_at and closes_at and closes_at <= opens_at:
            self.add_error("closes_at", "The closing time needs to be after the opening time.")
        return cleaned
