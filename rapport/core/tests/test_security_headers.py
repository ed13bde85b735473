"""The security headers are on every kind of response: pages, htmx fragments, JSON, redirects
and the error pages (403, 404, 405, 500), whoever asks."""

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import path, reverse

from rapport.core.testing.headers import csp_directives

STRICT = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:", "blob:"],
    "media-src": ["'self'", "blob:"],
    "font-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


def assert_protected(response) -> None:
    directives = csp_directives(response)
    for name, sources in STRICT.items():
        assert directives.get(name) == sources, (name, directives.get(name))
    assert directives["connect-src"] == ["'self'", settings.SITE_URL.replace("http", "ws", 1)]
    assert not any("unsafe" in source for sources in directives.values() for source in sources)
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    assert "camera=(self)" in permissions and "microphone=(self)" in permissions
    assert "geolocation=()" in permissions and "payment=()" in permissions
    assert "usb=()" in permissions


def test_pages_fragments_json_and_redirects_carry_every_header(cast, client_for):
    signed_out = Client()
    assert_protected(signed_out.get(reverse("account_login")))
    assert_protected(signed_out.get(cast.course.get_absolute_url()))  # a redirect to sign in
    learner = client_for("learner")
    assert_protected(learner.get(cast.course.get_absolute_url()))
    badge = learner.get(reverse("core:notification_badge"), headers={"HX-Request": "true"})
    assert badge.status_code == 200 and b"<html" not in badge.content
    assert_protected(badge)
    assert_protected(Client().get("/api/v1/courses"))  # JSON, refused without a token


def test_error_pages_carry_every_header(cast, client_for):
    learner = client_for("learner")
    missing = learner.get("/no-such-page/")
    assert missing.status_code == 404
    assert_protected(missing)
    wrong_method = learner.get(reverse("core:notification_read_all"))
    assert wrong_method.status_code == 405
    assert_protected(wrong_method)
    csrf_checked = Client(enforce_csrf_checks=True)
    csrf_checked.force_login(cast.learner)
    refused = csrf_checked.post(reverse("courses:leave", args=[cast.course.slug]))
    assert refused.status_code == 403
    assert_protected(refused)


def broken_view(request):
    raise RuntimeError("broken on purpose")


urlpatterns = [path("broken/", broken_view)]


@override_settings(ROOT_URLCONF=__name__)
@pytest.mark.django_db
def test_the_server_error_page_carries_every_header():
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    assert_protected(response)


def test_a_chart_style_is_let_through_by_this_requests_nonce_only(cast, client_for):
    """The one inline <style> allowed: a chart's own, with a nonce new on each request."""
    from rapport.community.checkins.services.moods import mood_record

    mood_record(course=cast.course, learner=cast.learner, score=4)
    learner = client_for("learner")
    first, second = (learner.get(reverse("community:mood", args=[cast.course.slug])) for _ in "ab")
    nonces = []
    for page in (first, second):
        style_sources = csp_directives(page)["style-src"]
        assert style_sources[0] == "'self'" and style_sources[1].startswith("'nonce-")
        nonce = style_sources[1][len("'nonce-") : -1]
        assert f'<style nonce="{nonce}">' in page.content.decode()
        assert 'style="' not in page.content.decode()
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_the_session_cookie_is_http_only_same_site_and_ends_with_the_browser(cast):
    """Unless "Remember me" is ticked: then it lasts SESSION_COOKIE_AGE, two weeks. Secure
    whenever DEBUG is off (settings; test_production_settings.py runs that)."""
    login = reverse("account_login")
    form = {"login": cast.learner.email, "password": cast.password}
    for remember, max_age in (("", ""), ("on", str(14 * 24 * 3600))):
        response = Client().post(login, form | ({"remember": remember} if remember else {}))
        assert response.status_code == 302
        cookie = response.cookies[settings.SESSION_COOKIE_NAME]
        assert cookie["httponly"] and cookie["samesite"] == "Lax"
        assert cookie["max-age"] == (max_age and int(max_age)), remember
        assert response.cookies[settings.CSRF_COOKIE_NAME]["samesite"] == "Lax"
