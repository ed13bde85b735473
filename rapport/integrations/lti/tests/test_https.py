"""Over HTTPS (as behind the proxy, inside the LMS's iframe): pylti1p3 keeps its login data
under a session cookie of its own, and every cookie a launch needs is SameSite=None;
Secure, or the browser would not send it back from inside the frame."""

import os
import subprocess
import sys

from rapport.courses.models import Course
from rapport.integrations.lti.testing import TestPlatform


def test_an_https_launch_works_with_samesite_none_cookies(client, db, mocked):
    platform = TestPlatform(secure=True)
    platform.register()
    platform.mock(mocked)

    state, nonce = platform.login(client)
    login_cookies = dict(client.cookies.items())
    response = platform.post_launch(
        client, state=state, id_token=platform.sign(platform.claims(nonce=nonce))
    )

    assert response.status_code == 302
    assert response["Location"] == Course.objects.get().get_absolute_url()
    for name in ("lti1p3-session-id", f"lti1p3-{state}"):
        assert login_cookies[name]["samesite"] == "None"
        assert login_cookies[name]["secure"]


def test_an_https_launch_without_pylti1p3s_session_cookie_is_refused(client, db, mocked):
    platform = TestPlatform(secure=True)
    platform.register()
    platform.mock(mocked)
    state, nonce = platform.login(client)
    del client.cookies["lti1p3-session-id"]

    response = platform.post_launch(
        client, state=state, id_token=platform.sign(platform.claims(nonce=nonce))
    )

    assert response.status_code == 400
    assert not Course.objects.exists()


def _cookie_settings(**env) -> str:
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SAMESITE, s.CSRF_COOKIE_SAMESITE, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    )
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "rapport.settings", "DEBUG": "1"}
    environment.pop("LTI_IFRAME_COOKIES", None)
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_lti_iframe_cookies_makes_session_and_csrf_cookies_samesite_none():
    assert _cookie_settings(LTI_IFRAME_COOKIES="1") == "None None True True"
    assert _cookie_settings() == "Lax Lax False False"  # plain-HTTP `make run` keeps working
