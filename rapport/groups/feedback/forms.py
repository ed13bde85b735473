"""Forms for asking for feedback and answering. They check shape only; the services decide
what is allowed and say why not."""

from django import forms
from django.template.defaultfilters import filesizeformat

from rapport.core import files
from rapport.groups.feedback.formats import parts_of
from rapport.groups.feedback.services import LINK_MAX, PART_MAX, TITLE_MAX
from rapport.groups.models import TEXT_MAX, FeedbackFormat


class _RecordingFields(forms.Form):
    """The recorder's upload (``media_id``) or, without JavaScript, a chosen file."""

    media_id = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    media_file = forms.FileField(label="Or choose a recording", required=False)


class FeedbackRequestForm(_RecordingFields):
    title = forms.CharField(
        label="What are you sharing?",
        max_length=TITLE_MAX,
        widget=forms.TextInput(attrs={"placeholder": "My essay draft, my poster, my plan…"}),
    )
    body = forms.CharField(
        label="Your work, or a note about it",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": TEXT_MAX}),
        help_text="Paste your writing, or say what you'd most like feedback on. "
        "**Bold**, lists and links work.",
    )
    link_url = forms.CharField(
        label="A link (optional)",
        required=False,
        max_length=LINK_MAX,
        widget=forms.URLInput(attrs={"placeholder": "https://", "inputmode": "url"}),
        help_text="A document, slides or a page your group can open.",
    )
    attachment = forms.FileField(
        label="A file (optional)",
        required=False,
        widget=forms.FileInput(attrs={"accept": files.ACCEPT}),
        help_text="PDF, PNG or JPEG image, plain text, Word (.docx) or PowerPoint (.pptx), up "
        f"to {filesizeformat(files.MAX_BYTES)}.",
    )
    format = forms.ChoiceField(
        label="How should your groupmates answer?",
        choices=FeedbackFormat.choices,
        initial=FeedbackFormat.THREE,
        widget=forms.RadioSelect,
    )
    field_order = ["title", "body", "link_url", "attachment", "media_id", "media_file", "format"]

    def clean_link_url(self) -> str:
        url = self.cleaned_data["link_url"].strip()
        # "example.org/page" is what people paste from an address bar.
        if url and ":" not in url:
            url = f"https://{url}"
        return url


class FeedbackReplyForm(_RecordingFields):
    """One text box per part of the request's format, then an optional voice clip."""

    media_file = forms.FileField(label="Or choose a voice recording", required=False)

    def __init__(self, *args, format: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.part_keys = []
        for part in parts_of(format):
            name = f"part_{part.key}"
            self.part_keys.append((name, part.key))
            self.fields[name] = forms.CharField(
                label=part.prompt,
                help_text=part.help,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3, "maxlength": PART_MAX}),
            )
        self.order_fields([name for name, _ in self.part_keys])

    def part_fields(self):
        return [self[name] for name, _ in self.part_keys]

    def parts(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(name, "") for name, key in self.part_keys}
