from django import forms
from django.contrib.auth import get_user_model

from rapport.core.kinds import SensitiveReadKind
from rapport.core.models import SensitiveRead


class AuditFilterForm(forms.Form):
    """Narrow a course's audit log to one learner and one kind; both optional. The
    learners offered are those the log names, so the list costs one query."""

    learner = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(
        required=False, choices=[("", "Everything")] + list(SensitiveReadKind.choices)
    )

    def __init__(self, data=None, *, course):
        super().__init__(data)
        people = get_user_model().objects.filter(
            pk__in=SensitiveRead.objects.filter(course=course).values("learner_id")
        )
        self.fields["learner"].choices = [("", "Everyone")] + [
            (person.pk, person.display_name)
            for person in sorted(people, key=lambda p: p.display_name.casefold())
        ]

    def filters(self) -> dict:
        """The chosen learner and kind, or none when the form is not valid."""
        if not self.is_valid():
            return {}
        return {
            "learner_id": self.cleaned_data["learner"],
            "kind": self.cleaned_data["kind"],
        }
