from django.urls import path

from rapport.integrations.roster import views

app_name = "roster"
course = "c/<slug:course_slug>/roster/import/"

urlpatterns = [
    path(course, views.import_start, name="import_start"),
    path(course + "<int:import_id>/", views.import_review, name="import_review"),
    path(course + "<int:import_id>/progress/", views.import_progress, name="import_progress"),
    path(course + "<int:import_id>/discard/", views.import_discard, name="import_discard"),
]
