"""The relationship radar's pages. Every view starts with courses.access.course_access."""

from django.urls import path

from rapport.radar import views

app_name = "radar"
course = "c/<slug:course_slug>/"

urlpatterns = [
    path(course + "radar/", views.radar, name="radar"),
    path(course + "radar/network/", views.network, name="network"),
    path(course + "radar/indicators.csv", views.indicators_csv, name="indicators_csv"),
    path(course + "my-connections/", views.my_connections_page, name="my_connections"),
]
