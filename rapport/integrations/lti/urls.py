from django.urls import path

from rapport.integrations.lti.views import deep_linking, launch

app_name = "lti"

urlpatterns = [
    path("lti/login/", launch.LoginView.as_view(), name="login"),
    path("lti/launch/", launch.launch, name="launch"),
    path("lti/jwks.json", launch.jwks, name="jwks"),
    path("lti/deep-link/", deep_linking.deep_link, name="deep_link"),
]
