from django.urls import path

from rapport.privacy import views

app_name = "privacy"

urlpatterns = [
    path("me/data/", views.my_data, name="my_data"),
    path("me/data/export/", views.export_request, name="export_request"),
    path("me/data/export/<int:export_id>/progress/", views.export_progress, name="export_progress"),
    path("me/data/export/<int:export_id>/download/", views.export_download, name="export_download"),
    path("me/delete/", views.account_delete, name="account_delete"),
    path("privacy/outbound/", views.outbound, name="outbound"),
    path("c/<slug:course_slug>/settings/retention/", views.retention, name="retention"),
]
