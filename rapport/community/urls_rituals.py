from django.urls import path

from rapport.community.rituals import views

course = "c/<slug:course_slug>/rituals/"

# Every view below starts with courses.access.course_access.
urlpatterns = [
    path(course, views.ritual_list, name="rituals"),
    path(course + "new/", views.ritual_new, name="ritual_new"),
    path(course + "<int:ritual_id>/", views.ritual_current, name="ritual"),
    path(course + "<int:ritual_id>/edit/", views.ritual_edit, name="ritual_edit"),
    path(course + "<int:ritual_id>/open-now/", views.ritual_open_now, name="ritual_open_now"),
    path(course + "<int:ritual_id>/archive/", views.archive, name="ritual_archive"),
    path(course + "rounds/<int:round_id>/", views.round_detail, name="ritual_round"),
    path(course + "rounds/<int:round_id>/answer/", views.answer, name="ritual_answer"),
    path(course + "posts/<int:post_id>/", views.post_detail, name="ritual_post"),
    path(course + "posts/<int:post_id>/photo/", views.photo, name="ritual_photo"),
    path(course + "posts/<int:post_id>/react/", views.post_react, name="ritual_react"),
    path(course + "posts/<int:post_id>/reply/", views.post_reply, name="ritual_reply"),
    path(course + "posts/<int:post_id>/vote/", views.post_vote, name="ritual_vote"),
    path(course + "posts/<int:post_id>/feature/", views.post_feature, name="ritual_feature"),
]
