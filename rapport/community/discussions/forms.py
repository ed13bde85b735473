"""Forms check the shape of what was typed; the services decide whether it may be posted
(something to say, a readable photo, a topic not locked...)."""

from django import forms

from rapport.community.discussions import mentions
from rapport.community.discussions.images import MAX_BYTES
from rapport.community.discussions.services import BODY_MAX, TITLE_MAX

MARKDOWN_HELP = (
    "Markdown works: **bold**, *italic*, lists, links. Type @ and a name to mention "
    "someone in the course."
)


def _body(label: str, rows: int = 5, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": rows, "data-mentions": ""}),
        help_text=MARKDOWN_HELP,
        error_messages={"max_length": f"Keep it under {BODY_MAX:,} characters."},
    )


class MentionFields(forms.Form):
    """A body people type "@Name" into, and the hidden ``mention_ids`` mentions.js fills
    with whom they picked. Given the ``course`` (and the ``group_id`` of a group's own
    thread), cleaning turns each "@Name" into the stored token
    (``mentions.tokens_from_typed``)."""

    mention_ids = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, course=None, group_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.course, self.group_id = course, group_id

    def clean_mention_ids(self) -> list[int]:
        raw = self.cleaned_data.get("mention_ids") or ""
        return [int(part) for part in raw.split(",") if part.strip().isdigit()][:50]

    def clean(self):
        cleaned = super().clean()
        body = cleaned.get("body")
        if body and self.course is not None:
            try:
                cleaned["body"] = mentions.tokens_from_typed(
                    body,
                    course=self.course,
                    picked_ids=cleaned.get("mention_ids") or [],
                    group_id=self.group_id,
                )
            except mentions.AmbiguousMention as ambiguous:
                self.add_error("body", ambiguous.message)
        return cleaned


class ImageFields(forms.Form):
    image = forms.FileField(
        label="Add a photo (optional)",
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
        help_text=f"JPEG or PNG, up to {MAX_BYTES // (1024 * 1024)} MB. Location and camera "
        "details are removed before anyone sees it.",
    )
    image_alt = forms.CharField(
        label="Describe the photo",
        required=False,
        max_length=300,
        help_text="A sentence for classmates who use a screen reader.",
    )

    def image_inputs(self) -> dict:
        return {
            "image_upload": self.cleaned_data.get("image") or None,
            "image_alt": self.cleaned_data.get("image_alt", ""),
        }


class TopicForm(MentionFields, ImageFields):
    title = forms.CharField(
        max_length=TITLE_MAX,
        help_text="A question or a few words, like “How do you study with kids at home?”",
        error_messages={"required": "Give your topic a title."},
    )
    body = _body("What would you like to say?", rows=7)

    field_order = ["title", "body", "mention_ids", "image", "image_alt"]


class ReplyForm(MentionFields, ImageFields):
    body = _body("Your reply", rows=4)

    field_order = ["body", "mention_ids", "image", "image_alt"]


class EditForm(MentionFields):
    title = forms.CharField(max_length=TITLE_MAX, required=False)
    body = _body("Your post", rows=7)


class ReportForm(forms.Form):
    reason = forms.CharField(
        label="What's wrong with this post?",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only the teaching team sees your report and your name on it.",
        error_messages={"required": "Tell the teaching team what's wrong, in a few words."},
    )


class DiscussionSettingsForm(forms.Form):
    learners_may_start_topics = forms.BooleanField(
        label="Learners may start topics",
        required=False,
        help_text="When off, learners still reply, react and mention; only the teaching "
        "team starts new topics.",
    )
