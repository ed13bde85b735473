"""Rapport's URLs as a site run with ACCOUNT_EMAIL_VERIFICATION=optional has them: allauth
adds its confirmation link only when codes are off, as it reads the setting once, on
import (``sign_up.optional_verification`` switches tests to these)."""

from allauth.account import views
from django.urls import include, path, re_path

urlpatterns = [
    re_path(
        r"^accounts/confirm-email/(?P<key>[-:\w]+)/$",
        views.confirm_email,
        name="account_confirm_email",
    ),
    path("", include("rapport.urls")),
]
