"""Forms for the resource library and for sending a pick to a learner. They check shape
only; the services decide what is allowed and say why not."""

from django import forms
from django.template.defaultfilters import filesizeformat

from rapport.core import files
from rapport.knowing.models.resources import Level
from rapport.knowing.recommend.services import NOTE_MAX, ResourceInput


class ResourceForm(forms.Form):
    title = forms.CharField(max_length=160)
    url = forms.CharField(
        label="Link",
        required=False,
        max_length=500,
        widget=forms.URLInput(attrs={"placeholder": "https://", "inputmode": "url"}),
        help_text="A web page, video or article. Or upload a file below instead.",
    )
    file = forms.FileField(
        required=False,
        widget=forms.FileInput(attrs={"accept": files.ACCEPT}),
    )
    description = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What it is and why it's worth a learner's time.",
    )
    tags = forms.CharField(
        required=False,
        max_length=600,
        help_text="Separated by commas, for example: wetlands, birds, citizen science.",
    )
    level = forms.ChoiceField(choices=Level.choices, initial=Level.INTRO)

    def __init__(self, *args, has_file: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = files_help(has_file)

    def clean_url(self) -> str:
        url = self.cleaned_data["url"].strip()
        # "example.org/page" is what people paste from an address bar.
        if url and ":" not in url:
            url = f"https://{url}"
        return url

    def to_input(self) -> ResourceInput:
        data = self.cleaned_data
        return ResourceInput(
            title=data["title"],
            description=data["description"],
            tags=data["tags"],
            level=data["level"],
            url=data["url"],
            upload=data.get("file"),
        )


def files_help(has_file: bool) -> str:
    limit = f"up to {filesizeformat(files.MAX_BYTES)}"
    kinds = f"PDF, PNG or JPEG image, plain text, Word (.docx) or PowerPoint (.pptx), {limit}."
    if has_file:
        return f"Choose a file only to replace the current one. {kinds}"
    return f"{kinds} Only members of this course can open it."


class SendForm(forms.Form):
    resource = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label="A personal line (optional)",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
