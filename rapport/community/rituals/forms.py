"""Forms check the shape of what was typed; the services decide whether it may be saved
(an open round, something to share, a recording that is the author's...)."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from rapport.community.models.rituals import (
    POST_MAX,
    PRESETS,
    PROMPT_MAX,
    REPLY_MAX,
    Featuring,
    RitualPreset,
    Weekday,
)
from rapport.community.rituals.services.schedule import TITLE_MAX


class RitualForm(forms.Form):
    title = forms.CharField(
        label="Name",
        max_length=TITLE_MAX,
        error_messages={"required": "Give the ritual a name, like “Win of the Week”."},
    )
    prompts = forms.CharField(
        label="Prompt",
        max_length=PROMPT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="One prompt per line. Each week uses the next line, then starts again.",
        error_messages={"required": "Write the prompt learners will answer."},
    )
    weekday = forms.TypedChoiceField(label="Opens every", coerce=int, choices=Weekday.choices)
    time_of_day = forms.TimeField(
        label="At",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": "Choose the time it opens.",
            "invalid": "Enter a time like 09:00.",
        },
    )
    open_days = forms.TypedChoiceField(
        label="Stays open for",
        coerce=int,
        choices=[(n, f"{n} day{'s' if n > 1 else ''}") for n in range(1, 8)],
        initial=6,
    )
    featuring = forms.ChoiceField(
        label="Who picks the featured posts?",
        choices=Featuring.choices,
        widget=forms.RadioSelect,
        initial=Featuring.STAFF,
        help_text="With a class vote, everyone gets one vote per round (not for their own "
        "post) and the top post is featured when the round closes.",
    )

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_of_day"].help_text = f"In the course's time zone, {course.timezone}."


class RitualEditForm(RitualForm):
    paused = forms.BooleanField(
        label="Pause it (no new rounds open until you switch this off)", required=False
    )


def preset_initial(preset: str) -> dict:
    values = PRESETS.get(preset) or PRESETS[RitualPreset.CUSTOM]
    return {
        "title": values["title"],
        "prompts": values["prompts"],
        "weekday": values["weekday"],
        "time_of_day": values["time_of_day"],
        "open_days": 6,
        "featuring": values["featuring"],
    }


class AnswerForm(forms.Form):
    body = forms.CharField(
        label="Your answer",
        required=False,
        max_length=POST_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": POST_MAX}),
        help_text=f"Up to {POST_MAX} characters. **bold**, *italic* and lists work.",
    )
    photo = forms.FileField(
        label="Add a photo",
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
        ),
    )
    photo_alt = forms.CharField(
        label="Describe the photo (for classmates who can't see it)",
        required=False,
        max_length=200,
    )
    remove_photo = forms.BooleanField(label="Remove my photo", required=False)
    media_id = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    media_file = forms.FileField(required=False)
    remove_media = forms.BooleanField(label="Remove my voice clip", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photo"].help_text = (
            f"A JPEG or PNG up to {filesizeformat(settings.PHOTO_MAX_BYTES)}. We remove location "
            "and camera details before anyone sees it."
        )

    def answer_inputs(self) -> dict:
        data = self.cleaned_data
        return {
            "body": data.get("body") or "",
            "photo_upload": data.get("photo") or None,
            "photo_alt": data.get("photo_alt") or "",
            "remove_photo": bool(data.get("remove_photo")),
            "media_id": data.get("media_id") or None,
            "upload": data.get("media_file") or None,
            "remove_media": bool(data.get("remove_media")),
        }


class ReplyForm(forms.Form):
    body = forms.CharField(
        label="Reply",
        max_length=REPLY_MAX,
        widget=forms.TextInput(attrs={"maxlength": REPLY_MAX, "autocomplete": "off"}),
        error_messages={
            "required": "Write a reply first.",
            "max_length": f"Replies are short: up to {REPLY_MAX} characters.",
        },
    )
