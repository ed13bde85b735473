"""Peer feedback's addresses, included into the ``groups`` namespace by groups/urls.py."""

from django.urls import path

from rapport.groups.feedback import views

FEEDBACK = "c/<slug:course_slug>/groups/feedback/<int:request_id>/"

urlpatterns = [
    path(
        "c/<slug:course_slug>/groups/g/<int:group_id>/feedback/new/",
        views.feedback_new,
        name="feedback_new",
    ),
    path(FEEDBACK, views.feedback, name="feedback"),
    path(f"{FEEDBACK}reply/", views.feedback_reply, name="feedback_reply"),
    path(f"{FEEDBACK}replies/<int:reply_id>/thank/", views.feedback_thank, name="feedback_thank"),
    path(f"{FEEDBACK}attachment/", views.feedback_attachment, name="feedback_attachment"),
    path(
        "c/<slug:course_slug>/groups/<int:set_id>/feedback/",
        views.feedback_report,
        name="feedback_report",
    ),
]
