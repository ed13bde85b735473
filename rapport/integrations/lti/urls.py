from django.urls import path

from rapport.integrations.lti.views import config, course, course_choice, deep_linking, launch

app_name = "lti"

course_prefix = "c/<slug:course_slug>/lti/"

urlpatterns = [
    path("lti/login/", launch.LoginView.as_view(), name="login"),
    path("lti/launch/", launch.launch, name="launch"),
    path("lti/jwks.json", launch.jwks, name="jwks"),
    path("lti/course-choice/<str:token>/", course_choice.course_choice, name="course_choice"),
    path("lti/deep-link/", deep_linking.deep_link, name="deep_link"),
    path("lti/config/", config.config, name="config"),
    path("lti/config.json", config.config_json, name="config_json"),
    # Every view below starts with courses.access.course_access.
    path(course_prefix, course.course_lti, name="course"),
    path(course_prefix + "sync/", course.sync_start, name="sync_start"),
    path(course_prefix + "sync/<int:sync_id>/", course.sync_progress, name="sync_progress"),
]
