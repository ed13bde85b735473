from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from rapport.accounts.email_addresses import RapportEmailView
from rapport.core.converters import bound_int_routes

# The admin's own sign-in form has no throttle; allauth's has (ACCOUNT_RATE_LIMITS). Signing
# in to the admin goes through allauth's page, and only staff get past it.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", include("rapport.core.urls")),
    # Ahead of allauth's own page at the same address: one more rule for "make primary".
    path("accounts/email/", RapportEmailView.as_view()),
    path("accounts/", include("allauth.urls")),
    path("me/", include("rapport.accounts.urls")),
    path("", include("rapport.courses.urls")),
    path("", include("rapport.media.urls")),
    path("", include("rapport.presence.urls")),
    path("", include("rapport.surveys.urls")),
    path("", include("rapport.knowing.urls")),
    path("", include("rapport.community.urls")),
    path("", include("rapport.walls.urls")),
    path("", include("rapport.groups.urls")),
    path("", include("rapport.live.urls")),
    path("", include("rapport.events.urls")),
    path("", include("rapport.officehours.urls")),
    path("", include("rapport.radar.urls")),
    path("", include("rapport.home.urls")),
    path("", include("rapport.privacy.urls")),
    path("", include("rapport.integrations.lti.urls")),
    path("", include("rapport.integrations.roster.urls")),
    path("", include("rapport.integrations.api.urls")),
    path("admin/", admin.site.urls),
]

# The database out of reach is a 503 "back in a moment" page, whatever raised it.
handler500 = "rapport.core.unavailable.server_error"

# Ids too big for the database match no URL (404) instead of crashing the lookup (500).
bound_int_routes(urlpatterns)
