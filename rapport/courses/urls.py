from django.urls import path

from rapport.courses import views

app_name = "courses"

urlpatterns = [
    path("courses/", views.dashboard, name="dashboard"),
    path("courses/new/", views.course_create, name="create"),
    path("join/", views.join, name="join"),
    path("c/<slug:course_slug>/", views.home, name="home"),
    path("c/<slug:course_slug>/people/", views.people, name="people"),
    path("c/<slug:course_slug>/members/", views.members, name="members"),
    path("c/<slug:course_slug>/settings/", views.settings, name="settings"),
]
