from django.urls import path

from rapport.community.discussions import views

course = "c/<slug:course_slug>/discussions/"
post = course + "posts/<int:post_id>/"

# Every view below starts with courses.access.course_access.
urlpatterns = [
    path(course, views.topic_list, name="topics"),
    path(course + "new/", views.topic_new, name="topic_new"),
    path(course + "settings/", views.discussion_settings, name="discussion_settings"),
    path(course + "waiting/", views.waiting, name="waiting"),
    path(course + "reports/", views.moderation_queue, name="moderation"),
    path(course + "mentions/", views.mention_search, name="mention_search"),
    path(course + "<int:topic_id>/", views.topic, name="topic"),
    path(course + "<int:topic_id>/newer/", views.topic_newer, name="topic_newer"),
    path(course + "<int:topic_id>/pin/", views.topic_pin, name="topic_pin"),
    path(course + "<int:topic_id>/lock/", views.topic_lock, name="topic_lock"),
    path(post, views.post_permalink, name="post"),
    path(post + "reply/", views.post_reply, name="post_reply"),
    path(post + "edit/", views.post_edit, name="post_edit"),
    path(post + "history/", views.post_history, name="post_history"),
    path(post + "react/", views.post_react, name="post_react"),
    path(post + "report/", views.post_report, name="post_report"),
    path(post + "image/", views.post_image, name="post_image"),
    path(post + "hide/", views.post_hide, name="post_hide"),
    path(post + "resolve/", views.report_resolve, name="report_resolve"),
]
