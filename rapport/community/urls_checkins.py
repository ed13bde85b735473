"""Reflections and mood check-ins. Every view starts with courses.access.course_access."""

from django.urls import path

from rapport.community.checkins import views

course = "c/<slug:course_slug>/"
reflections = course + "reflections/"
mood = course + "mood/"

urlpatterns = [
    path(reflections, views.reflections, name="reflections"),
    path(reflections + "new/", views.reflection_prompt_new, name="reflection_prompt_new"),
    path(reflections + "<int:prompt_id>/", views.reflection_prompt, name="reflection_prompt"),
    path(
        reflections + "<int:prompt_id>/edit/",
        views.reflection_prompt_edit,
        name="reflection_prompt_edit",
    ),
    path(
        reflections + "<int:prompt_id>/from/<int:user_id>/",
        views.reflection_answer,
        name="reflection_answer",
    ),
    path(mood, views.mood, name="mood"),
    path(mood + "class/", views.mood_overview, name="mood_overview"),
    path(mood + "learners/<int:user_id>/", views.mood_learner, name="mood_learner"),
    path(
        mood + "learners/<int:user_id>/followed-up/",
        views.mood_follow_up,
        name="mood_follow_up",
    ),
    path(course + "wellbeing/audit/", views.wellbeing_audit, name="wellbeing_audit"),
]
