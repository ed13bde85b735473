from django.urls import path

from rapport.community.shoutouts import views

course = "c/<slug:course_slug>/shoutouts/"

# Every view below starts with courses.access.course_access.
urlpatterns = [
    path(course, views.wall, name="shoutouts"),
    path(course + "for-me/", views.for_me, name="my_shoutouts"),
    path(course + "new/", views.give, name="shoutout_new"),
    path(course + "<int:shoutout_id>/", views.detail, name="shoutout"),
    path(course + "tags/", views.tags, name="shoutout_tags"),
    path(course + "tags/<int:tag_id>/edit/", views.tag_edit, name="shoutout_tag_edit"),
    path(course + "tags/<int:tag_id>/retire/", views.tag_retire, name="shoutout_tag_retire"),
]
