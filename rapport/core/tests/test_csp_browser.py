"""The site's Content-Security-Policy in a real browser. Every demo page, for every role and
signed out, is opened under it by the accessibility walk (test_accessibility_browser.py),
which counts anything the policy refuses (an inline style or script, eval, anything from
elsewhere) as a failure; pages with charts, walls, live classes, the cue editor and content
htmx loads after the page are all in that walk. Here: that a refusal is noticed at all, and
the admin and the API's Swagger page, which the walk does not open. What pages do once open
(htmx swaps, live boards, recording, the cue editor) is checked by each feature's browser
tests: their pages (rapport.core.testing.browser.signed_in) count anything the policy
refuses as an error."""

import pytest
from django.urls import reverse

from rapport.core.testing.browser import (  # noqa: F401  (browser: a fixture)
    browser,
    listen_for_csp_violations,
    session_for,
)
from rapport.core.tests.test_accessibility_browser import DESKTOP, HTMX_BUSY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def walk(browser, live_server, user, paths, viewport, *, then=None):  # noqa: F811
    """Open each of ``paths``; what the policy refused, page by page. ``then(page, path)``,
    if given, runs on each page once it has loaded."""
    refused = []
    context = browser.new_context(viewport=viewport)
    if user is not None:
        context.add_cookies(
            [{"name": "sessionid", "value": session_for(user), "url": live_server.url}]
        )
    page = context.new_page()
    listen_for_csp_violations(page, refused)
    for path in paths:
        page.goto(live_server.url + path, wait_until="load")
        if page.evaluate(HTMX_BUSY):
            page.wait_for_function(f"() => !({HTMX_BUSY})()")
        if then is not None:
            then(page, path)
    context.close()
    return refused


def test_a_refusal_is_noticed(live_server, browser):  # noqa: F811
    """The check is real: an inline style put in a page of the site is refused and seen."""
    refused = []
    page = browser.new_page()
    listen_for_csp_violations(page, refused)
    page.goto(live_server.url + reverse("account_login"))
    page.evaluate(
        """() => { const p = document.createElement('p');
                   p.innerHTML = '<b style="color: red">x</b>';
                   document.body.append(p); }"""
    )
    page.wait_for_function("() => true")  # the console message arrives with the next frame
    page.evaluate("() => new Promise(requestAnimationFrame)")
    assert any("style" in line for line in refused), refused


def test_the_admin_and_the_api_docs_keep_to_their_policy(live_server, browser):  # noqa: F811
    from rapport.factories import UserFactory

    admin = UserFactory(is_staff=True, is_superuser=True)
    paths = [
        reverse("admin:index"),
        reverse("admin:courses_course_changelist"),
        reverse("admin:courses_course_add"),
        reverse("admin:courses_membership_add"),
        reverse("api:v1:openapi-view"),
    ]
    drawn = []

    def swagger_drew_the_api(page, path):
        if path == reverse("api:v1:openapi-view"):
            page.wait_for_selector(".swagger-ui .info .title")
            drawn.append(page.locator(".opblock").count())

    refused = walk(browser, live_server, admin, paths, DESKTOP, then=swagger_drew_the_api)
    assert drawn and drawn[0] > 5  # Swagger UI ran and listed the API's operations
    assert not refused, f"{len(refused)} refused by the CSP:\n" + "\n".join(refused)
