from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("rapport.core.urls")),
    path("accounts/", include("allauth.urls")),
    path("me/", include("rapport.accounts.urls")),
    path("", include("rapport.courses.urls")),
    path("", include("rapport.media.urls")),
    path("", include("rapport.presence.urls")),
    path("", include("rapport.surveys.urls")),
    path("", include("rapport.knowing.urls")),
    path("", include("rapport.community.urls")),
    path("admin/", admin.site.urls),
]
