from django.urls import path

from rapport.presence import views

app_name = "presence"

course = "c/<slug:course_slug>/messages/"

# Every view below starts with courses.access.course_access.
urlpatterns = [
    path(course, views.feed, name="feed"),
    path(course + "check-ins/new/", views.checkin_new, name="checkin_new"),
    path(course + "notes/new/", views.note_new, name="note_new"),
    path(course + "feedback/new/", views.feedback_new, name="feedback_new"),
    path(course + "<int:message_id>/", views.message_detail, name="message"),
    path(course + "<int:message_id>/edit/", views.checkin_edit, name="checkin_edit"),
    path(course + "<int:message_id>/cancel/", views.checkin_cancel, name="checkin_cancel"),
    path(course + "<int:message_id>/watched/", views.message_watched, name="message_watched"),
    path(course + "<int:message_id>/react/", views.react, name="react"),
    path(course + "<int:message_id>/with/<int:user_id>/", views.thread, name="thread"),
    path(course + "templates/", views.template_list, name="templates"),
    path(course + "templates/new/", views.template_new, name="template_new"),
    path(course + "templates/<int:template_id>/edit/", views.template_edit, name="template_edit"),
    path(
        course + "templates/<int:template_id>/delete/",
        views.template_delete,
        name="template_delete",
    ),
    path(course + "templates/<int:template_id>/send/", views.template_send, name="template_send"),
]
