from django import forms

from rapport.privacy.services.retention import MAX_DAYS


class RetentionForm(forms.Form):
    days = forms.IntegerField(
        label="Delete recordings and check-ins this many days after the course ends",
        required=False,
        min_value=0,
        max_value=MAX_DAYS,
        help_text="Leave empty to keep them. Counted from the course's end date.",
    )


class EraseForm(forms.Form):
    understood = forms.BooleanField(
        label="I understand my account and what the list above says is deleted for good",
        error_messages={"required": "Tick the box to say you understand — this can't be undone."},
    )
