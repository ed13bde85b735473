"""Letting the LMS show Rapport in its frame.

Rapport's pages refuse framing (X_FRAME_OPTIONS = "DENY"), against clickjacking. A browser
session that began with an LTI launch is inside its platform's iframe, so for that session
only, and only for the platform's origins, the page's Content-Security-Policy says
``frame-ancestors 'self' <origins>`` instead of ``'none'`` (rapport.core.security)."""

from rapport.core.security import allow_framing_by

FRAME_ORIGINS_SESSION_KEY = "lti_frame_origins"


class LtiFrameMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        origins = session.get(FRAME_ORIGINS_SESSION_KEY) if session is not None else None
        if origins:
            allow_framing_by(response, origins)
        return response
