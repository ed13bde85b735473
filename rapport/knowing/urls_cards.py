"""Learner cards, the roster, staff notes and milestones. Every view starts with
courses.access.course_access."""

from django.urls import path

from rapport.knowing.views import cards, milestones, notes

course = "c/<slug:course_slug>/"
learner = course + "learners/<int:user_id>/"

urlpatterns = [
    path(course + "learners/", cards.roster, name="roster"),
    path(learner, cards.card, name="card"),
    path(learner + "notes/", notes.note_add, name="note_add"),
    path(learner + "notes/<int:note_id>/edit/", notes.note_edit, name="note_edit"),
    path(learner + "notes/<int:note_id>/delete/", notes.note_delete, name="note_delete"),
    path(course + "celebrate/", milestones.celebrate, name="celebrate"),
    path(course + "celebrate/modules/", milestones.module_finished, name="module_finished"),
    path(
        course + "celebrate/<int:user_id>/", milestones.celebrate_learner, name="celebrate_learner"
    ),
    path(course + "milestones/", milestones.my_milestones, name="my_milestones"),
    path(course + "milestones/birthday/", milestones.my_birthday, name="my_birthday"),
    path(
        course + "milestones/<int:milestone_id>/edit/",
        milestones.my_milestone_edit,
        name="my_milestone_edit",
    ),
    path(
        course + "milestones/<int:milestone_id>/delete/",
        milestones.my_milestone_delete,
        name="my_milestone_delete",
    ),
]
