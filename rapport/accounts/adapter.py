from dataclasses import dataclass
from functools import partial
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.db import transaction
from django.utils.html import strip_tags

from rapport.core.links import absolute_url
from rapport.core.tasks import send_email


@dataclass(frozen=True)
class _Site:
    name: str
    domain: str


def rapport_site() -> _Site:
    """What allauth's templates expect as ``current_site``."""
    return _Site(name="Rapport", domain=urlsplit(settings.SITE_URL).netloc)


def _on_site(context: dict) -> dict:
    """allauth builds its links (confirm, reset, sign up) from the request's host; every
    link in an email is rebuilt under SITE_URL, like the rest of Rapport's emails."""
    return {
        key: absolute_url(value)
        for key, value in context.items()
        if key.endswith("_url") and isinstance(value, str) and value
    }


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # Set before allauth's own save, so the new account is written once, complete.
        preferred_name = form.cleaned_data.get("preferred_name")
        if preferred_name:
            user.preferred_name = preferred_name.strip()
        if form.cleaned_data.get("timezone"):
            user.timezone = form.cleaned_data["timezone"]
            user.timezone_chosen = True
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render allauth's message here, where the request is, and hand its plain parts to
        the task queue once the transaction commits: no SMTP conversation inside a request,
        and no email about an account whose creation was rolled back."""
        request = allauth_context.request
        message = self.render_mail(
            template_prefix,
            email,
            {
                "request": request,
                "email": email,
                **context,
                **_on_site(context),
                # Not the request's host: the one address Rapport is known by (SITE_URL).
                "current_site": rapport_site(),
                "site_url": settings.SITE_URL,
            },
        )
        html = next(
            (
                str(content)
                for content, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            None,
        )
        body = str(message.body)
        if message.content_subtype == "html":  # allauth found only an HTML template
            html, body = body, strip_tags(body)
        transaction.on_commit(
            partial(
                send_email,
                subject=str(message.subject),
                body=body,
                to=[str(address) for address in message.to],
                html=html,
                headers=dict(message.extra_headers) or None,
                from_email=str(message.from_email),
            )
        )
