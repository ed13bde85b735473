"""Forms check the shape of what was typed; the services decide whether it may be sent
(something to say, a recording that is the author's, a learner in the course...)."""

from datetime import timedelta

from django import forms
from django.utils import timezone

from rapport.core.forms import CourseDateTimeField
from rapport.presence.models import MessageKind, Tone, http_url

# A release further ahead than this is a typo (a year of 9999 even overflowed on saving).
LATEST_RELEASE_AHEAD = timedelta(days=366)

PLACEHOLDER_HELP = (
    "Placeholders: {preferred_name}, {goal}, {interest} — filled in for each learner when you send."
)


class MediaFields(forms.Form):
    """What the recorder include posts: ``media_id`` once an upload has finished, or the
    plain ``media_file`` fallback. The recorder draws both inputs itself."""

    media_id = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    media_file = forms.FileField(required=False)

    def media_inputs(self) -> dict:
        return {
            "media_id": self.cleaned_data.get("media_id") or None,
            "upload": self.cleaned_data.get("media_file") or None,
        }


class CheckinWordsForm(forms.Form):
    """A check-in's title, words and release time: all there is to change once scheduled."""

    title = forms.CharField(max_length=160, help_text="For example “Week 3: wetlands”.")
    body = forms.CharField(
        label="Message",
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Optional with a recording. Markdown works: **bold**, *italic*, lists, links.",
    )
    release_at = CourseDateTimeField(
        label="Release at",
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["release_at"].zone = course.zone()
        self.fields[
            "release_at"
        ].help_text = (
            f"Leave empty to send now. Times are in the course's time zone ({course.timezone})."
        )

    def clean_release_at(self):
        release_at = self.cleaned_data["release_at"]
        if release_at is not None and release_at > timezone.now() + LATEST_RELEASE_AHEAD:
            raise forms.ValidationError(
                "Choose a release time within the next year, or leave it empty to send now."
            )
        return release_at


class CheckinForm(MediaFields, CheckinWordsForm):
    """A new check-in: its words and, optionally, a recording."""


class RecipientField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            coerce=int,
            label="To",
            error_messages={
                "required": "Choose the learner this is for.",
                "invalid_choice": "Choose one of the course's learners.",
            },
            **kwargs,
        )


class _Personal(MediaFields):
    recipient = RecipientField()

    def __init__(self, *args, learners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].choices = [(m.user_id, m.user.display_name) for m in learners]


class NoteForm(_Personal):
    tone = forms.ChoiceField(
        choices=Tone.choices,
        initial=Tone.THINKING_OF_YOU,
        widget=forms.RadioSelect,
        label="What kind of note is it?",
    )
    body = forms.CharField(
        label="Message",
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Optional with a recording. " + PLACEHOLDER_HELP,
    )
    # Shown only when the note answers the learner's "I could use some help"; help_for
    # ties the tick to that learner, so choosing someone else closes nothing.
    answer_help = forms.BooleanField(
        label="Mark this help request as answered",
        required=False,
        initial=True,
        help_text="They asked for help in a mood check-in; sending this note follows it up.",
    )
    help_for = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def answers_help_request_of(self, recipient) -> bool:
        data = self.cleaned_data
        return bool(data.get("answer_help")) and data.get("help_for") == recipient.pk


class FeedbackForm(_Personal):
    assignment_title = forms.CharField(label="Which piece of work?", required=False, max_length=200)
    assignment_url = forms.URLField(
        label="Link to it (for example in your LMS)",
        required=False,
        max_length=500,
        assume_scheme="https",
        validators=[http_url],
        error_messages={"invalid": "Enter a web address that starts with http:// or https://."},
        help_text="A title, a link, or both.",
    )
    body = forms.CharField(
        label="Your feedback",
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Optional with a recording.",
    )
    went_well = forms.CharField(
        label="What went well",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    next_step = forms.CharField(
        label="One next step",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReplyForm(MediaFields):
    body = forms.CharField(
        label="Your reply",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TemplateForm(forms.Form):
    name = forms.CharField(max_length=80, help_text="Only the teaching team sees this.")
    kind = forms.ChoiceField(choices=MessageKind.choices, label="For", initial=MessageKind.NOTE)
    body = forms.CharField(
        label="Words",
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=PLACEHOLDER_HELP,
    )


class ChooseLearnersForm(forms.Form):
    learners = forms.TypedMultipleChoiceField(
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one learner.",
            "invalid_choice": "Choose learners from this course.",
        },
    )
    tone = forms.ChoiceField(
        choices=Tone.choices, initial=Tone.THINKING_OF_YOU, label="What kind of note is it?"
    )

    def __init__(self, *args, learners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["learners"].choices = [(m.user_id, m.user.display_name) for m in learners]
