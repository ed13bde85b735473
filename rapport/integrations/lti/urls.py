from django.urls import path

from rapport.integrations.lti.views import launch

app_name = "lti"

urlpatterns = [
    path("lti/login/", launch.LoginView.as_view(), name="login"),
    path("lti/launch/", launch.launch, name="launch"),
    path("lti/jwks.json", launch.jwks, name="jwks"),
]
