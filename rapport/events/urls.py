from django.urls import path

from rapport.events import views

app_name = "events"

course = "c/<slug:course_slug>/events/"
event = course + "<int:event_id>/"

# Every course view below starts with courses.access.course_access. The feed is the one
# address outside a course: its token is the key, so calendar apps need no sign-in.
urlpatterns = [
    path(course, views.index, name="index"),
    path(course + "new/", views.event_new, name="event_new"),
    path(course + "settings/", views.settings_save, name="settings"),
    path(course + "calendar/", views.calendar_link, name="calendar_link"),
    path(course + "calendar/new-link/", views.calendar_link_renew, name="calendar_link_renew"),
    path(event, views.event_page, name="event"),
    path(event + "edit/", views.event_edit, name="event_edit"),
    path(event + "cancel/", views.event_cancel, name="event_cancel"),
    path(event + "rsvp/", views.rsvp, name="rsvp"),
    path(event + "check-in/", views.check_in, name="check_in"),
    path(event + "attendance/", views.attendance, name="attendance"),
    path(event + "event.ics", views.event_ics, name="event_ics"),
    path("calendar/<str:token>.ics", views.feed, name="feed"),
]
