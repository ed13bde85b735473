from django.urls import include, path

from rapport.groups import views

app_name = "groups"

course = "c/<slug:course_slug>/groups/"
group_set = course + "<int:set_id>/"
group = course + "g/<int:group_id>/"

# Every view below starts with courses.access.course_access.
urlpatterns = [
    path(course, views.index, name="index"),
    path(course + "new/", views.set_new, name="set_new"),
    path(group_set, views.set_page, name="set"),
    path(group_set + "edit/", views.set_edit, name="set_edit"),
    path(group_set + "progress/", views.set_progress, name="set_progress"),
    path(group_set + "form-again/", views.set_reform, name="set_reform"),
    path(group_set + "rounds/<int:round_id>/publish/", views.round_publish, name="round_publish"),
    path(group_set + "rounds/<int:round_id>/move/", views.member_move, name="member_move"),
    path(group_set + "g/<int:group_id>/lock/", views.group_lock, name="group_lock"),
    path(group, views.group_page, name="group"),
    path(group + "reflections/", views.reflection_share, name="reflection_share"),
    path(
        group + "reflections/<int:shared_id>/unshare/",
        views.reflection_unshare,
        name="reflection_unshare",
    ),
    path("", include("rapport.groups.urls_feedback")),
]
