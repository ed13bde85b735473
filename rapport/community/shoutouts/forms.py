"""Forms check the shape of what was typed; ``services`` decides whether it may be given
(an active member, not yourself, under the daily limit...)."""

from django import forms

from rapport.community.models.shoutouts import MESSAGE_MAX, ShoutoutVisibility
from rapport.community.shoutouts.services import TAG_LABEL_MAX


class ShoutoutForm(forms.Form):
    receivers = forms.TypedMultipleChoiceField(
        coerce=int,
        label="Who is it for?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one person to shout out.",
            "invalid_choice": "Choose people from this course's list.",
        },
    )
    tag = forms.TypedChoiceField(
        coerce=int,
        label="What are you celebrating?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what you're celebrating.",
            "invalid_choice": "Choose one of the tags shown.",
        },
    )
    message = forms.CharField(
        label="Your shout-out",
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MESSAGE_MAX}),
        help_text=f"Say what they did and why it mattered. Up to {MESSAGE_MAX} characters; "
        "**bold** and *italic* work.",
        error_messages={
            "required": "Write a few words about what they did.",
            "max_length": f"Keep it to {MESSAGE_MAX} characters.",
        },
    )
    visibility = forms.ChoiceField(
        label="Who can see it?",
        choices=ShoutoutVisibility.choices,
        initial=ShoutoutVisibility.CLASS,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, members, tags, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receivers"].choices = [(m.user_id, m.user.display_name) for m in members]
        self.fields["tag"].choices = [(tag.pk, str(tag)) for tag in tags]


class TagForm(forms.Form):
    label = forms.CharField(
        label="Tag",
        max_length=TAG_LABEL_MAX,
        error_messages={"required": "Give the tag a name, like “Curious”."},
    )
    emoji = forms.CharField(label="Emoji", required=False, max_length=8)
