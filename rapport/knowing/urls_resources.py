"""The resource library, picks for one learner, and class insights. Joined into the
"knowing" namespace by knowing/urls.py; every view starts with courses.access.course_access."""

from django.urls import path

from rapport.knowing.views import insights, resources

course = "c/<slug:course_slug>/"

urlpatterns = [
    path(course + "insights/", insights.insights, name="insights"),
    path(course + "resources/", resources.library, name="resources"),
    path(course + "resources/new/", resources.resource_new, name="resource_new"),
    path(
        course + "resources/<int:resource_id>/edit/",
        resources.resource_edit,
        name="resource_edit",
    ),
    path(
        course + "resources/<int:resource_id>/delete/",
        resources.resource_delete,
        name="resource_delete",
    ),
    path(
        course + "resources/<int:resource_id>/file/",
        resources.resource_file,
        name="resource_file",
    ),
    path(course + "picked/", resources.picked, name="picked"),
    path(
        course + "learners/<int:user_id>/recommend/",
        resources.recommend,
        name="recommend",
    ),
]
