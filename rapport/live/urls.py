from django.urls import path

from rapport.live import views

app_name = "live"

course = "c/<slug:course_slug>/live/"
session = course + "<int:live_session_id>/"
activity = session + "activities/<int:activity_id>/"

# Every view under c/ starts with courses.access.course_access; join and guest are open
# to anyone with the code.
urlpatterns = [
    path(course, views.sessions, name="sessions"),
    path(course + "new/", views.session_new, name="session_new"),
    path(session, views.session, name="session"),
    path(session + "host/", views.host, name="host"),
    path(session + "screen/", views.screen, name="screen"),
    path(session + "activities/", views.activity_add, name="activity_add"),
    path(activity + "edit/", views.activity_edit, name="activity_edit"),
    path(activity + "remove/", views.activity_remove, name="activity_remove"),
    path(activity + "move/", views.activity_move, name="activity_move"),
    path(session + "close/", views.session_close, name="session_close"),
    path(session + "results/", views.session_results, name="session_results"),
    path(session + "results.csv", views.session_export, name="session_export"),
    path("live/join/", views.join, name="join"),
    path("live/<str:code>/", views.guest_session, name="guest"),
]
