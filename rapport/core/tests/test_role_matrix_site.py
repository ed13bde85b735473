"""Every URL outside /c/<course_slug>/, walked as every role: the account pages, /me/, the
calendar feed, joining, live guests, LTI, the API token pages and the public pages. Course
URLs are test_role_matrix's; the REST API under /api/ has its own matrix
(rapport/integrations/api/tests/test_access.py); the admin is checked below (staff only).

A URL without a row here, there or in the API's matrix fails
``test_every_url_has_expectations``. Objects in URLs belong to ``cast.learner`` (their
notification, their calendar link, their API token), so other roles show that one person
cannot reach another's. POSTs carry a CSRF token, as from a browser; every view that takes a
POST also refuses one without it (``test_every_post_needs_its_csrf_token``)."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from rapport.core import notifications
from rapport.core.kinds import NotificationKind
from rapport.core.testing.shared_data import module_data
from rapport.core.tests import test_role_matrix as course_matrix
from rapport.core.tests.test_role_matrix import (
    ALL_URLS,
    COURSE_URLS,
    LOGIN,
    ROLES,
    answered_as_expected,
    build_cast,
    everyone,
    fill,
    with_csrf_enforced,
)
from rapport.courses.models import Invitation
from rapport.events.models import CalendarFeed
from rapport.integrations.api.services import api_token_create
from rapport.live.testing import session_make

# Covered elsewhere: the REST API's own matrix (token auth, no session), and the admin.
API = {name for name in ALL_URLS if name.startswith("api:v1:")} | {"api:unknown"}
ADMIN = {name for name, route in ALL_URLS.items() if route.startswith("admin/")}
SITE_URLS = {
    name: route
    for name, route in ALL_URLS.items()
    if name not in COURSE_URLS and name not in API and name not in ADMIN
}


def anyone(status):
    return dict.fromkeys(ROLES, status)


def signed_in(status, anonymous=LOGIN):
    return everyone(status) | {"anonymous": anonymous}


def learner_only(status=200):
    """Only cast.learner, whose own thing the URL names; anyone else signed in: 404."""
    return dict.fromkeys(ROLES, 404) | {"anonymous": LOGIN, "learner": status}


def signed_out_only(status=200, signed_in_status=302):
    """allauth's pages for getting in: someone signed in is sent on."""
    return everyone(signed_in_status) | {"anonymous": status}


def own_account(get=200, post=200):
    """A page about the signed-in person's own account."""
    return {"GET": signed_in(get), "POST": signed_in(post)}


# url name -> {method: {role: expected status}}
EXPECTED: dict[str, dict[str, dict[str, int | str]]] = {
    # --- public pages -------------------------------------------------------------------
    # The front page; anyone signed in goes on to their courses.
    "core:home": {"GET": signed_out_only(), "POST": signed_out_only()},
    "core:privacy": {"GET": anyone(200), "POST": anyone(200)},
    "core:favicon": {"GET": anyone(200), "POST": anyone(200)},
    # Token links from emails and calendar apps: the token is the key, not a session.
    "core:unsubscribe": {"GET": anyone(200), "POST": anyone(200)},
    "events:feed": {"GET": anyone(200), "POST": anyone(405)},
    # --- allauth --------------------------------------------------------------------------
    "account_login": {"GET": signed_out_only(), "POST": signed_out_only()},
    "account_signup": {"GET": signed_out_only(), "POST": signed_out_only()},
    "account_request_login_code": {"GET": signed_out_only(), "POST": signed_out_only()},
    # Without a code asked for first, back to where one is asked for.
    "account_confirm_login_code": {"GET": signed_in(302), "POST": signed_in(302)},
    "account_logout": {"GET": signed_in(200), "POST": anyone(LOGIN)},
    "account_inactive": {"GET": anyone(200), "POST": anyone(405)},
    "account_reset_password": {"GET": anyone(200), "POST": anyone(200)},
    "account_reset_password_done": {"GET": anyone(200), "POST": anyone(405)},
    # A key that was never sent: the page says the link is not valid.
    "account_reset_password_from_key": {"GET": anyone(200), "POST": anyone(200)},
    "account_reset_password_from_key_done": {"GET": anyone(200), "POST": anyone(405)},
    # Where a code emailed to confirm an address is typed; with none waiting, it sends the
    # person on: to sign in, or to their addresses. (Confirming by link is off.)
    "account_email_verification_sent": {
        "GET": signed_in(302, anonymous=LOGIN),
        "POST": signed_in(302, anonymous=LOGIN),
    },
    "account_email": own_account(post=302),
    "accounts/email/": own_account(post=302),
    "account_change_password": own_account(),
    # Everyone here has a password, so "set" goes on to "change".
    "account_set_password": {"GET": signed_in(302), "POST": signed_in(302)},
    "account_reauthenticate": own_account(),
    # Everyone here has a verified address, so may confirm it's them by an emailed code (a
    # POST naming no address is the form again); no code asked for, nothing to confirm.
    "account_request_reauthentication_code": own_account(),
    "account_confirm_reauthentication_code": {"GET": signed_in(302), "POST": signed_in(302)},
    # --- the person's own pages -----------------------------------------------------------
    "accounts:profile_edit": own_account(),
    "accounts:pronunciation_record": {"GET": signed_in(405), "POST": signed_in(400)},
    "core:notifications": own_account(),
    "core:notification_badge": own_account(),
    "core:notification_settings": own_account(post=302),
    "core:notification_read_all": {"GET": signed_in(405), "POST": signed_in(302)},
    # cast.learner's notification: it leads them to its page; anyone else to their own list,
    # with nothing marked read (test_opening_someone_elses_notification_does_nothing).
    "core:notification_open": {"GET": signed_in(405), "POST": signed_in(302)},
    "api:tokens": {"GET": signed_in(200), "POST": signed_in(400)},
    # cast.learner's API token
    "api:token_revoke": {"GET": signed_in(405), "POST": learner_only(302)},
    # --- getting into a course ------------------------------------------------------------
    "courses:start": {"GET": signed_in(302), "POST": signed_in(405)},
    "courses:dashboard": {"GET": signed_in(200), "POST": signed_in(405)},
    "courses:create": own_account(),
    "courses:join": {"GET": anyone(200), "POST": anyone(200)},
    # The course's code: members are sent to it, others see its join page (to join, sign in).
    "courses:join_link": {
        "GET": anyone(302) | {"anonymous": 200, "outsider": 200},
        "POST": everyone(302),
    },
    # An invitation to new-pupil@example.test: its page shows to whoever holds the link;
    # accepting needs that person signed in (the others are told it is not for them).
    "courses:invitation_accept": {"GET": anyone(200), "POST": everyone(200)},
    # A live class's guest page without a guest's place: to the join page (members: to
    # their own page of it).
    "live:guest": {"GET": anyone(302), "POST": anyone(405)},
    "live:join": {"GET": anyone(200), "POST": anyone(200)},
    # --- LTI: the platform's side, and the admin's set-up page ----------------------------
    "lti:login": {"GET": anyone(200), "POST": anyone(200)},
    "lti:launch": {"GET": anyone(405), "POST": anyone(400)},
    "lti:jwks": {"GET": anyone(200), "POST": anyone(200)},
    "lti:config_json": {"GET": anyone(200), "POST": anyone(200)},
    # site staff only (is_staff, none in the cast): to the admin's sign-in
    "lti:config": {"GET": anyone(302), "POST": anyone(302)},
    # A token never given, and no launch in this browser: refused.
    "lti:course_choice": {"GET": anyone(400), "POST": anyone(400)},
    "lti:deep_link": {"GET": anyone(403), "POST": anyone(403)},
}
# Being added with the privacy pages (export, erasure, outbound connections): named here so
# that a missing row says what it is for.
PRIVACY_URLS_PENDING = "privacy:"


def site_url_kwargs(cast, name: str) -> dict:
    """Values for the URL's parameters, made only when it needs them."""
    available = {
        "notification_id": lambda: (
            notifications.notify(
                recipient=cast.learner,
                kind=NotificationKind.MEMBER_JOINED,
                title="Sam joined",
                url=cast.course.get_absolute_url(),
            ).pk
        ),
        "token": lambda: _token_for(cast, name),
        "code": lambda: (
            session_make(cast).join_code if name == "live:guest" else cast.course.join_code
        ),
        "token_id": lambda: (
            api_token_create(
                user=cast.learner, name="Sync", course_ids=[cast.course.pk], can_write=False
            )[0].pk
        ),
        # allauth's links from its emails, here with keys that were never sent
        "key": lambda: "never-sent-key",
        "uidb36": lambda: "zz",
    }
    route = SITE_URLS[name]
    return {key: make() for key, make in available.items() if f"<{key}>" in _named(route)}


def _named(route: str) -> str:
    """The route with regex groups written as converters: (?P<key>...) as <key>."""
    return re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", re.sub(r"<(?:\w+:)?(\w+)>", r"<\1>", route))


def _token_for(cast, name: str) -> str:
    if name == "core:unsubscribe":
        return notifications.unsubscribe_token(
            user=cast.learner, kind=NotificationKind.MEMBER_JOINED
        )
    if name == "courses:invitation_accept":
        return Invitation.objects.create(
            course=cast.course,
            email="new-pupil@example.test",
            invited_by=cast.instructor,
        ).token
    if name == "events:feed":
        return CalendarFeed.objects.get_or_create(user=cast.learner)[0].token
    return "not-a-real-token"


def site_url(name: str, values: dict) -> str:
    return fill(_named(SITE_URLS[name]).replace("^", "").replace("$", ""), values)


# The course matrix's cast and sessions, made once for this module too, and its fixtures over
# them: the cast, a client in a role's session, what a row's cases share.
shared_cast = module_data(lambda: build_cast(), name="shared_cast")
cast, client_for, kept = course_matrix.cast, course_matrix.client_for, course_matrix.kept


@pytest.fixture
def url_values(request, kept, shared_cast, django_db_blocker) -> dict:
    """The case's URL parameters, made once for a row's cases (as test_role_matrix's)."""
    cast, name = shared_cast[0], request.getfixturevalue("name")
    with django_db_blocker.unblock():
        return kept.get(name, lambda: site_url_kwargs(cast, name))


def test_every_url_has_expectations():
    missing = sorted(set(SITE_URLS) - set(EXPECTED))
    privacy = [name for name in missing if name.startswith(PRIVACY_URLS_PENDING)]
    assert not privacy, (
        f"The privacy pages {privacy} need rows in this site-wide role matrix (who may reach "
        "a person's export, erasure and outbound-connections pages)"
    )
    assert not missing, f"Add role-matrix expectations for: {missing}"
    stale = sorted(set(EXPECTED) - set(SITE_URLS))
    assert not stale, f"Expectations for URLs that no longer exist: {stale}"
    # Everything else is in a matrix of its own.
    assert set(ALL_URLS) == set(SITE_URLS) | set(COURSE_URLS) | API | ADMIN


CASES = [
    (name, method, role)
    for name, methods in sorted(EXPECTED.items())
    for method in methods
    for role in ROLES
]


@pytest.mark.parametrize("name,method,role", CASES)
def test_site_role_matrix(name, method, role, url_values, cast, client_for):
    client = with_csrf_enforced(client_for(role))
    url = site_url(name, url_values)
    response = client.get(url) if method == "GET" else client.post(url, {})
    answered_as_expected(response, EXPECTED[name][method][role], f"{role} {method} {url}")


def test_opening_someone_elses_notification_does_nothing(cast, client_for, url_values):
    """The row above: another person's POST leads to their own list, the learner's
    notification stays unread."""
    from rapport.core.models import Notification

    url = site_url("core:notification_open", url_values)
    response = with_csrf_enforced(client_for("other_learner")).post(url, {})
    assert response["Location"] == reverse("core:notifications")
    assert Notification.objects.get(pk=url_values["notification_id"]).read_at is None


@pytest.fixture
def name():
    """The URL whose values ``url_values`` makes, for a test that is not one of the matrix's
    parametrized cases."""
    return "core:notification_open"


# --- the admin: the site's staff only ------------------------------------------------------
def admin_url(route: str) -> str:
    route = re.sub(r"\(\?P<app_label>[^)]*\)", "courses", route)
    route = re.sub(r"\(\?P<url>[^)]*\)", "nothing-here/", route)
    return "/" + re.sub(r"<(?:\w+:)?\w+>", "1", route).replace("^", "").replace("$", "")


@pytest.mark.parametrize("role", ROLES)
def test_nobody_in_a_course_reaches_the_admin(role, cast, client_for):
    client = with_csrf_enforced(client_for(role))
    for name in sorted(ADMIN):
        url = admin_url(ALL_URLS[name])
        for response in (client.get(url), client.post(url, {})):
            # to a sign-in page (the admin's, which sends on to allauth's, and refuses anyone
            # signed in without is_staff), or not found: never the page itself
            assert response.status_code in (302, 403, 404), f"{role} {url}"
            if response.status_code == 302:
                where = response["Location"]
                assert "login" in where or where == "/admin/", f"{role} {url} -> {where}"


def test_the_sites_staff_reach_the_admin(client, db):
    from rapport.factories import UserFactory

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:courses_course_changelist")).status_code == 200
    assert client.get(reverse("lti:config")).status_code == 200


# --- CSRF: every view that takes a POST refuses one without its token ------------------------
# Posted to from other sites by design, each with its own proof instead of a CSRF token: the
# LMS's signed id_token (LTI login and launch), an unsubscribe link's signed token (RFC 8058
# one-click, posted by mail clients).
CSRF_EXEMPT = {"lti:login", "lti:launch", "core:unsubscribe"}


def posting_role(methods: dict) -> str | None:
    """A role whose POST the view takes (not refused, not sent to sign in)."""
    for role in ("learner", "instructor", "ta", "other_learner", "outsider", "anonymous"):
        status = methods.get("POST", {}).get(role)
        if status not in (None, LOGIN, 403, 404, 405):
            return role
    return None


CSRF_CASES = [
    (name, posting_role(methods))
    for name, methods in sorted(EXPECTED.items())
    if name not in CSRF_EXEMPT and posting_role(methods)
]


@pytest.mark.parametrize("name,role", CSRF_CASES)
def test_every_post_needs_its_csrf_token(name, role, url_values, cast, client_for):
    client = with_csrf_enforced(client_for(role))
    del client.defaults[settings.CSRF_HEADER_NAME]
    response = client.post(site_url(name, url_values), {})
    assert response.status_code == 403, f"{role} POST {name} without a CSRF token"


def csrf_exempt_views() -> set[str]:
    """Every URL of the site (course, API and admin URLs too) whose view skips the check."""
    from django.urls import URLPattern, URLResolver, get_resolver

    found = set()

    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
            elif isinstance(pattern, URLPattern) and getattr(pattern.callback, "csrf_exempt", 0):
                found.add(namespace + pattern.name if pattern.name else prefix + str(pattern))

    walk(get_resolver().url_patterns)
    return found


def test_only_the_named_views_skip_the_csrf_check():
    """Besides CSRF_EXEMPT, only the REST API, which a session cookie never authenticates
    (a bearer token does, rapport/integrations/api/v1/auth.py), so another site's page
    cannot use a signed-in browser's cookie on it."""
    exempt = csrf_exempt_views()
    assert exempt - API == CSRF_EXEMPT | CSRF_CHECKED_INSIDE


# Uploads check CSRF themselves, once their size limit is in place (reading the token reads
# the body): exempt from the middleware, protected inside.
CSRF_CHECKED_INSIDE = {"media:upload", "knowing:resource_new", "knowing:resource_edit"}


def test_uploads_check_the_csrf_token_themselves(cast, client_for):
    from rapport.knowing.recommend.testing import resource_make

    slug = cast.course.slug
    resource = resource_make(cast.course, creator=cast.instructor)
    urls = [
        reverse("media:upload", args=[slug]),
        reverse("knowing:resource_new", args=[slug]),
        reverse("knowing:resource_edit", args=[slug, resource.pk]),
    ]
    client = with_csrf_enforced(client_for("instructor"))
    token = client.defaults.pop(settings.CSRF_HEADER_NAME)
    for url in urls:
        assert client.post(url, {}).status_code == 403, url
    client.defaults[settings.CSRF_HEADER_NAME] = token
    for url in urls:
        assert client.post(url, {}).status_code != 403, url
