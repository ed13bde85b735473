"""The relationship radar's pages. Every view starts with courses.access.course_access."""

from django.urls import path

from rapport.radar import views

app_name = "radar"
course = "c/<slug:course_slug>/"

urlpatterns = [
    path(course + "radar/", views.radar, name="radar"),
    path(course + "radar/network/", views.network, name="network"),
    path(
        course + "radar/network/classmates/",
        views.network_classmates,
        name="network_classmates",
    ),
    path(course + "radar/indicators.csv", views.indicators_csv, name="indicators_csv"),
    path(course + "radar/reach-out/<int:user_id>/set-aside/", views.set_aside, name="set_aside"),
    path(
        course + "radar/set-aside/<int:decision_id>/undo/",
        views.set_aside_undo,
        name="set_aside_undo",
    ),
    path(course + "radar/care-plan/", views.care_plan, name="care_plan"),
    path(course + "radar/pulse/", views.pulse, name="pulse"),
    path(course + "radar/pulse/<int:user_id>/", views.pulse_learner, name="pulse_learner"),
    path(course + "my-connections/", views.my_connections_page, name="my_connections"),
]
