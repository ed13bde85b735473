from django import forms
from django.utils import timezone


class CourseDateTimeField(forms.DateTimeField):
    """A date and time typed — and shown back when editing — in the course's time zone,
    whatever the viewer's own zone is. Without a zone it behaves as Django's own field."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, *args, zone=None, **kwargs):
        self.zone = zone
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        with timezone.override(self.zone or timezone.get_current_timezone()):
            return super().to_python(value)

    def prepare_value(self, value):
        with timezone.override(self.zone or timezone.get_current_timezone()):
            return super().prepare_value(value)
