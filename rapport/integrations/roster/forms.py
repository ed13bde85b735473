from django import forms

from rapport.integrations.roster.mapping import FIELDS
from rapport.integrations.roster.parsing import MAX_UPLOAD_BYTES, Table


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Class list",
        help_text=f"A CSV file saved as UTF-8, or a OneRoster 1.1 zip; up to "
        f"{MAX_UPLOAD_BYTES // (1024 * 1024)} MB.",
    )


class MappingForm(forms.Form):
    """Which column holds each of Rapport's fields (guessed, changeable), which class of a
    OneRoster zip, and whether people missing from the list leave."""

    def __init__(self, *args, table: Table, **kwargs):
        super().__init__(*args, **kwargs)
        columns = [("", "— not in this file —")] + [
            (str(index), header or f"Column {index + 1}")
            for index, header in enumerate(table.headers)
        ]
        if len(table.classes) > 1:
            self.fields["class_id"] = forms.ChoiceField(
                label="Class", choices=[(sid, f"{title} ({sid})") for sid, title in table.classes]
            )
        for name, label in FIELDS.items():
            self.fields[name] = forms.TypedChoiceField(
                label=label, choices=columns, required=False, coerce=int, empty_value=None
            )
        self.fields["remove_missing"] = forms.BooleanField(
            label="Remove people not in this list",
            required=False,
            help_text="Only people an earlier class list added. Nobody who joined by link or "
            "invitation, and nobody added by hand, is removed.",
        )

    def mapping(self) -> dict[str, int | None]:
        return {name: self.cleaned_data[name] for name in FIELDS}

    def mapping_fields(self):
        return [self[name] for name in FIELDS]
