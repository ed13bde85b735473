import re

from django import forms

from rapport.media import vtt
from rapport.media.captions import srt

_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


class CaptionForm(forms.Form):
    language = forms.CharField(
        label="Language code",
        max_length=16,
        initial="en",
        help_text='A short code such as "en", "es" or "pt-BR".',
    )
    label = forms.CharField(
        label="Name shown in the player",
        max_length=60,
        initial="English",
        help_text='For example "English" or "Español".',
    )
    file = forms.FileField(
        label="Upload a WebVTT (.vtt) or SubRip (.srt) file",
        required=False,
        help_text="Or paste the captions below.",
    )
    text = forms.CharField(
        label="WebVTT captions",
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "true"}),
        help_text="Start with the line WEBVTT, then a blank line, then each caption: a time "
        "line like 00:00:01.000 --> 00:00:04.000 and the words on the lines below it.",
    )

    def clean_language(self) -> str:
        language = self.cleaned_data["language"].strip()
        if not _LANGUAGE.match(language):
            raise forms.ValidationError('Use a language code such as "en", "es" or "pt-BR".')
        return language

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > vtt.MAX_BYTES:
            raise forms.ValidationError(
                f"That captions file is too long; the limit is {vtt.MAX_BYTES // 1024} KB."
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload:
            upload.seek(0)
            try:
                cleaned["text"] = vtt.decode(upload.read(vtt.MAX_BYTES + 1))
            except vtt.CaptionError as error:
                self.add_error("file", error.message)
                return cleaned
        elif not (cleaned.get("text") or "").strip() and "text" not in self.errors:
            self.add_error("text", "Paste the captions here, or choose a .vtt file above.")
            return cleaned
        if srt.looks_like_srt(cleaned.get("text") or ""):
            cleaned["text"] = srt.to_webvtt(cleaned["text"])
        try:
            vtt.parse(cleaned.get("text") or "")
        except vtt.CaptionError as error:
            self.add_error("file" if upload else "text", error.message)
        return cleaned


class SpokenTextForm(forms.Form):
    """What was said, pasted to be timed into English captions."""

    spoken_text = forms.CharField(
        label="Paste what you said",
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "true"}),
        help_text="The words spoken in the recording, as plain text, in English. We line "
        "them up with the sound and make the English captions; this takes a minute or two.",
        error_messages={"required": "Paste the words said in the recording first."},
    )
