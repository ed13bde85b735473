from functools import partial

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.db import transaction
from django.utils.html import strip_tags

from rapport.core.tasks import send_email


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
                "current_site": get_current_site(request),
                **context,
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
