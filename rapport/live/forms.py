from django import forms

from rapport.live.models import GUEST_NAME_MAX, PROMPT_MAX, ActivityKind
from rapport.live.services.prompts import PROMPT_BANK
from rapport.live.services.sessions import CODE_HOURS_DEFAULT, CODE_HOURS_MAX


class SessionForm(forms.Form):
    title = forms.CharField(max_length=120, initial="Today's class")
    guests_allowed = forms.BooleanField(
        required=False,
        label="Let guests join with the code",
        help_text="People outside the course (a visiting speaker, a parent) join with a name.",
    )
    code_hours = forms.IntegerField(
        min_value=1,
        max_value=CODE_HOURS_MAX,
        initial=CODE_HOURS_DEFAULT,
        label="The join code works for (hours)",
    )
    blocklist = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Words never shown in this session",
        help_text="One a line. One-word and open answers with them are refused.",
    )


class BankForm(forms.Form):
    key = forms.ChoiceField(
        choices=[(p.key, p.prompt) for p in PROMPT_BANK], label="A ready-made prompt"
    )


class ActivityEditForm(forms.Form):
    """An activity's question and a poll's choices: asked when adding one, and what may
    change until someone answers it."""

    prompt = forms.CharField(
        max_length=PROMPT_MAX,
        label="Question",
        error_messages={
            "required": "Write the question.",
            "max_length": f"Keep the question under {PROMPT_MAX} characters.",
        },
    )
    choices = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Poll choices",
        help_text="One a line (polls only).",
    )

    def first_error(self) -> str:
        return next(message for messages in self.errors.values() for message in messages)


class ActivityForm(ActivityEditForm):
    field_order = ["kind", "prompt", "choices", "anonymous", "blocklist"]

    kind = forms.ChoiceField(choices=ActivityKind.choices, label="Kind")
    anonymous = forms.BooleanField(
        required=False, label="Anonymous: nobody, not even the teaching team, sees who said what"
    )
    blocklist = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Words never shown for this question",
        help_text="One a line, added to the session's own list.",
    )


class JoinForm(forms.Form):
    code = forms.CharField(max_length=12, label="Code on the screen")
    name = forms.CharField(max_length=GUEST_NAME_MAX, label="Your name")
