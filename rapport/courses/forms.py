from django import forms
from django.utils.timezone import get_current_timezone_name, now

from rapport.courses.models import Course, Role, normalize_join_code
from rapport.courses.services import MAX_INVITATIONS_AT_ONCE, parse_email_list


class CourseForm(forms.ModelForm):
    """The course's details; saved through course_create / course_update, never .save()."""

    class Meta:
        model = Course
        fields = [
            "title",
            "term",
            "description",
            "timezone",
            "starts_on",
            "ends_on",
            "young_learners",
        ]
        labels = {
            "timezone": "Time zone",
            "starts_on": "Starts on",
            "ends_on": "Ends on",
            "young_learners": "Young learners (under 13) in this course",
        }
        help_texts = {
            "timezone": "Class times and deadlines are shown in this zone.",
            "description": "A sentence or two that learners see on the course home.",
        }
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error(
                "ends_on",
                f"The end date can't be before the start date ({starts_on:%-d %B %Y}).",
            )
        return data


class JoinCodeForm(forms.Form):
    code = forms.CharField(
        label="Join code",
        max_length=200,
        help_text="Your instructor shared it with you — for example K7Q2 MXRA.",
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    def clean_code(self) -> str:
        code = normalize_join_code(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError("Type the code your instructor gave you.")
        return code


class JoinSettingsForm(forms.Form):
    join_enabled = forms.BooleanField(label="Let people join with the link or code", required=False)
    join_code_expires_at = forms.DateTimeField(
        label="Link stops working at",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The browser's datetime-local box has no zone; Django reads it in the active one.
        self.fields["join_code_expires_at"].help_text = (
            f"In your time zone ({get_current_timezone_name().replace('_', ' ')}). "
            "Leave empty to keep it working until you switch it off."
        )

    def clean_join_code_expires_at(self):
        expires_at = self.cleaned_data["join_code_expires_at"]
        if expires_at and expires_at <= now():
            raise forms.ValidationError("Choose a time in the future, or leave it empty.")
        return expires_at


class InviteForm(forms.Form):
    emails = forms.CharField(
        label="Email addresses",
        help_text="Paste as many as you like, separated by commas, spaces or new lines.",
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
    )
    role = forms.ChoiceField(label="Invite them as", initial=Role.LEARNER)

    def __init__(self, *args, may_grant_staff_roles: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        roles = [Role.LEARNER] + ([Role.TA, Role.INSTRUCTOR] if may_grant_staff_roles else [])
        self.fields["role"].choices = [(role.value, role.label) for role in roles]

    def clean_emails(self) -> list[str]:
        valid, invalid = parse_email_list(self.cleaned_data["emails"])
        if invalid:
            # One line per address, so a long paste shows exactly what to fix.
            raise forms.ValidationError(
                [
                    "Nothing was sent. These don't look like email addresses — fix or "
                    "remove them and try again:"
                ]
                + [f"“{address}”" for address in invalid]
            )
        if not valid:
            raise forms.ValidationError("Paste at least one email address.")
        if len(valid) > MAX_INVITATIONS_AT_ONCE:
            raise forms.ValidationError(
                f"That's {len(valid)} addresses — please invite at most "
                f"{MAX_INVITATIONS_AT_ONCE} at a time."
            )
        return valid


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)
