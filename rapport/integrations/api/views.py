"""A person's API tokens: make one (its secret shown once, on the answer to the form),
see them, revoke one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from rapport.core.ratelimits import Limit, rate_limited
from rapport.core.refusals import Refused
from rapport.integrations.api import selectors, services
from rapport.integrations.api.forms import WRITE, ApiTokenForm

# Each token is a key to the person's courses: ten an hour is more than anyone needs.
TOKENS_MADE = Limit("api-tokens-made", 10, 3600, per="user")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited(TOKENS_MADE, doing="making API tokens")
def tokens(request):
    form = ApiTokenForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = services.api_token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                course_ids=[course.pk for course in form.cleaned_data["courses"]],
                can_write=form.cleaned_data["access"] == WRITE,
                expires_at=form.expires_at(),
            )
        except Refused as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        else:
            # The one time the secret exists outside the person's hands: in this answer,
            # which the browser is told not to keep. It is never stored or sent again.
            return render(request, "api/token_created.html", {"token": token, "secret": secret})
    context = {"form": form, "tokens": selectors.tokens_of(user=request.user)}
    return render(request, "api/tokens.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def token_revoke(request, token_id: int):
    token = selectors.own_token(user=request.user, token_id=token_id)
    if token is None:
        raise Http404("No such token.")
    services.api_token_revoke(token=token, by=request.user)
    messages.success(request, f"“{token.name}” is revoked: it no longer works.")
    return redirect("api:tokens")
