"""allauth's "Email addresses" page, with one rule added for making an address primary.

allauth lets a person add any address (it cannot say "that one is taken" without
revealing who has an account) and, while none of theirs is verified, make an unverified
one primary. For an address that is another account's sign-in that then copied it onto
this account's ``User.email``, which is unique: a 500 after half the rows had changed.
Here an address must be confirmed before it becomes the main one — the same answer
whoever else uses it, so the page still reveals nothing — and never another account's."""

from allauth.account.models import EmailAddress
from allauth.account.views import EmailView
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.shortcuts import redirect

CONFIRM_FIRST = (
    "Confirm {email} first — follow the link we emailed to it — and then make it your main address."
)
ANOTHER_ACCOUNTS = (
    "{email} is the sign-in address of another Rapport account, so it can't be your main "
    "address too. Sign in to that account instead, or remove the address from it first."
)


class RapportEmailView(EmailView):
    def post(self, request, *args, **kwargs):
        if "action_primary" in request.POST:
            problem = _primary_problem(request.user, request.POST.get("email", ""))
            if problem:
                messages.error(request, problem)
                return redirect("account_email")
        # All of one action or none of it, whatever fails part-way.
        with transaction.atomic():
            return super().post(request, *args, **kwargs)


def _primary_problem(user, email: str) -> str | None:
    address = EmailAddress.objects.filter(user=user, email__iexact=email.strip()).first()
    if address is None or address.primary:
        return None  # allauth's own answer for these is fine: nothing changes
    if not address.verified:
        return CONFIRM_FIRST.format(email=address.email)
    taken = get_user_model().objects.filter(email__iexact=address.email).exclude(pk=user.pk)
    if taken.exists():  # they proved the mailbox is theirs, so saying so reveals nothing
        return ANOTHER_ACCOUNTS.format(email=address.email)
    return None
