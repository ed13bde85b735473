from django.utils import timezone
from django.utils.cache import patch_cache_control


class UserTimezoneMiddleware:
    """Show times in the signed-in person's own time zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            timezone.activate(user.zone())
        else:
            timezone.deactivate()
        return self.get_response(request)


class PrivatePagesNotStoredMiddleware:
    """Nothing shown to a signed-in person is kept by the browser or a proxy: their pages
    carry moods, reflections, personal notes and names, and the next person at a shared
    school computer must not find them with the Back button or in a cache. A response that
    already says how to cache it (a recording, a photo) keeps its own rule."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, no_store=True)
        return response
