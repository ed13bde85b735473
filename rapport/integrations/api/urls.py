from functools import wraps

from django.urls import URLPattern, include, path, re_path
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt

from rapport.integrations.api import views
from rapport.integrations.api.v1.api import api
from rapport.integrations.api.v1.errors import NOT_FOUND, error_response

app_name = "api"


def _api_rules(view):
    """What ninja leaves to Django, in the API's own terms: a method an address does not
    answer gets the API's error body (ninja's is plain text), and no answer is kept by a
    browser or proxy (they carry learners' data)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and "json" not in response.get("Content-Type", ""):
            allowed = response["Allow"]
            response = error_response(405, f"This address answers {allowed} only.")
            response["Allow"] = allowed
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, no_store=True)
        return response

    return wrapper


@csrf_exempt
def _unknown_address(request, rest: str = ""):
    return _api_rules(lambda request: error_response(404, NOT_FOUND))(request)


ninja_patterns, ninja_app, ninja_namespace = api.urls
v1_patterns = [
    URLPattern(p.pattern, _api_rules(p.callback), p.default_args, p.name) for p in ninja_patterns
]

urlpatterns = [
    path("me/api-tokens/", views.tokens, name="tokens"),
    path("me/api-tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("api/v1/", include((v1_patterns, ninja_app), namespace=ninja_namespace)),
    re_path(r"^api/(?P<rest>.*)$", _unknown_address, name="unknown"),
]
