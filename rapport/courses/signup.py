"""Signing up to accept an invitation. The sign-up form itself is accounts'; this one
(settings.ACCOUNT_FORMS["signup"]) adds what only courses know about: a pending
invitation fills in the invited address and holds the person to it."""

from allauth.core import context as allauth_context
from django import forms
from django.urls import Resolver404, resolve

from rapport.accounts.forms import SignupForm as AccountSignupForm
from rapport.courses.models import Invitation
from rapport.courses.selectors import invitation_by_token


class SignupForm(AccountSignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = _invitation_being_accepted()
        if self.invitation is not None:
            email = self.fields["email"]
            email.initial = self.invitation.email
            email.widget.attrs["readonly"] = True
            email.help_text = (
                f"Your invitation to {self.invitation.course.title} was sent to this address."
            )

    def clean_email(self):
        email = super().clean_email()
        if self.invitation is not None and not _same_address(email, self.invitation.email):
            raise forms.ValidationError(
                f"This invitation was sent to {self.invitation.email}. Sign up with that "
                "address to accept it — you can add other addresses later."
            )
        return email


def _same_address(one: str, other: str) -> bool:
    return one.strip().casefold() == other.strip().casefold()


def _invitation_being_accepted() -> Invitation | None:
    """The pending invitation whose page sent the person here (``?next=/invitations/…/``,
    carried through the form as ``next``), if any."""
    request = allauth_context.request
    if request is None:
        return None
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    try:
        match = resolve(next_url.split("?", 1)[0])
    except Resolver404:
        return None
    if match.view_name != "courses:invitation_accept":
        return None
    invitation = invitation_by_token(match.kwargs["token"])
    return invitation if invitation is not None and invitation.problem() is None else None
