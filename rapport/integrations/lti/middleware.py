"""Letting the LMS show Rapport in its frame.

Rapport's pages refuse framing (X_FRAME_OPTIONS = "DENY"), against clickjacking. A browser
session that began with an LTI launch is inside its platform's iframe, so for that session
only, and only for the platform's origins, pages say ``Content-Security-Policy:
frame-ancestors 'self' <origins>`` instead."""

FRAME_ORIGINS_SESSION_KEY = "lti_frame_origins"


class LtiFrameMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        origins = session.get(FRAME_ORIGINS_SESSION_KEY) if session is not None else None
        if origins and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = "frame-ancestors 'self' " + " ".join(origins)
            response.xframe_options_exempt = True
        return response
