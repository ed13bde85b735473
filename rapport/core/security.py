"""Response headers that protect every page: which browser features a page may use, and who
may frame it. The Content-Security-Policy itself is django-csp's (settings
CONTENT_SECURITY_POLICY); who may frame a page is decided here, for X-Frame-Options and the
policy's frame-ancestors alike."""

import re

from django.conf import settings

CSP_SELF = "'self'"


def _allow_list_item(origin: str) -> str:
    return "self" if origin == CSP_SELF else f'"{origin}"'


class PermissionsPolicyMiddleware:
    """``Permissions-Policy`` from settings.PERMISSIONS_POLICY: feature -> allowed origins
    (``'self'``), an empty list for "nobody"."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(map(_allow_list_item, origins))})"
            for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.header
        return response


class FramingMiddleware:
    """Every page says ``frame-ancestors 'none'`` (settings) and X-Frame-Options DENY. A view
    exempted from X-Frame-Options (``xframe_options_exempt``: the LTI launch steps, posted
    to from inside an LMS's frame) may be framed by anyone under the policy too, unless
    ``allow_framing_by`` named who may. Listed after the CSP middleware, so it runs first on
    the way out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        replaced = getattr(response, "_csp_replace", None) or {}
        if getattr(response, "xframe_options_exempt", False) and "frame-ancestors" not in replaced:
            response._csp_replace = {**replaced, "frame-ancestors": None}
        return response


def allow_framing_by(response, origins: list[str]) -> None:
    """Let this site and ``origins`` (an LMS that launched the session) frame ``response``,
    keeping the rest of the policy."""
    replaced = getattr(response, "_csp_replace", None) or {}
    response._csp_replace = {**replaced, "frame-ancestors": [CSP_SELF, *origins]}
    response.xframe_options_exempt = True


OPENING_TAG = re.compile(r"<(script|style)\b")


def with_nonce(html: str, request) -> str:
    """``html`` (a whole page a library wrote, with its own inline <script> and <style>) with
    the request's CSP nonce on each of those elements, so the policy lets them run."""
    return OPENING_TAG.sub(lambda m: f'<{m.group(1)} nonce="{request.csp_nonce}"', html)
