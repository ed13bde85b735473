"""The course home: "This week" for the teaching team, people first for learners."""

from django.urls import path

from rapport.home import views

app_name = "home"

urlpatterns = [
    # Starts with courses.access.course_access like every course page.
    path("c/<slug:course_slug>/", views.course_home, name="course"),
]
