"""Playwright driving Debian's Chromium for browser tests (no downloaded browsers)."""

import asyncio
import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

# Debian's headless shell (package chromium-headless-shell) when installed: the same engine
# without the desktop browser around it, which Playwright also prefers for headless runs — it
# starts faster and costs the suite's browser tests less CPU. Otherwise the full browser.
HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"
CHROMIUM = HEADLESS_SHELL if os.path.exists(HEADLESS_SHELL) else "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"width": 390, "height": 844}


class Chromium:
    """One Playwright driver and one Chromium for a test process's browser tests: starting
    them for every test cost each a quarter of a second and more of the machine's time.

    Playwright's sync API drives its event loop from this thread, and leaves the loop set as
    the thread's running loop between calls. Django refuses ORM calls where a loop is
    running (they would block it), and must keep refusing them in the other tests, which
    check that async code never makes one. So the loop is the thread's running loop only
    during a browser test (``lent``), and put aside between them."""

    def __init__(self):
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self._loop = asyncio.get_running_loop()
        self._browser = None
        asyncio._set_running_loop(None)

    @contextlib.contextmanager
    def lent(self) -> Iterator:
        """The browser, for one test; the pages and contexts the test opened are closed
        after it."""
        asyncio._set_running_loop(self._loop)
        try:
            if self._browser is None or not self._browser.is_connected():
                self._browser = self._playwright.chromium.launch(
                    executable_path=CHROMIUM, args=CHROMIUM_FLAGS
                )
            yield self._browser
            for context in self._browser.contexts:
                context.close()
        finally:
            asyncio._set_running_loop(None)

    def stop(self) -> None:
        asyncio._set_running_loop(self._loop)
        try:
            if self._browser is not None and self._browser.is_connected():
                self._browser.close()
            self._playwright.stop()
        finally:
            asyncio._set_running_loop(None)


@pytest.fixture(scope="session")
def _chromium() -> Iterator[Chromium]:
    chromium = Chromium()
    yield chromium
    chromium.stop()


@pytest.fixture
def browser(monkeypatch, _chromium):
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by
    # the test itself (to check results) are still plain synchronous calls. Only for this
    # test: elsewhere Django must keep refusing ORM calls from async code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with _chromium.lent() as browser:
        yield browser


# How long a session may wait for the live server to let go of the sessions table.
SESSION_WAIT_SECONDS = 10.0


def session_for(user) -> str:
    """A session key for ``user``, made by Django's test client. On SQLite the test database
    is one in-memory database shared with the live server's thread, whose locks are per
    table and never wait: a page another context has open (polling, or loading) can hold the
    sessions table for a moment just as the session is written. The write is tried again
    until the table is free, so the test does not depend on that moment."""
    from django.db import OperationalError
    from django.test import Client

    deadline = time.monotonic() + SESSION_WAIT_SECONDS
    while True:
        client = Client()
        try:
            client.force_login(user)
        except OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)
            continue
        return client.cookies["sessionid"].value


def signed_in(
    browser,
    live_server,
    user,
    errors: list,
    *,
    viewport=PHONE,
    accept_dialogs: bool = False,
    **context_options,
):
    """A page in a new browser context signed in as ``user`` (a session made by Django's
    test client, handed over as a cookie). Script errors, anything the page's
    Content-Security-Policy refuses and any request leaving the test server go into
    ``errors``: nothing from our pages may leave the server (learners may be children)."""
    context = browser.new_context(viewport=viewport, **context_options)
    context.add_cookies([{"name": "sessionid", "value": session_for(user), "url": live_server.url}])
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    listen_for_csp_violations(page, errors)
    page.on(
        "request",
        lambda request: (
            request.url.startswith((live_server.url, "data:", "blob:"))
            or errors.append(f"outside request: {request.url}")
        ),
    )
    if accept_dialogs:
        page.on("dialog", lambda dialog: dialog.accept())
    return page


def is_csp_violation(message) -> bool:
    """A console message saying the Content-Security-Policy refused something ("Refused to
    apply inline style because it violates the following Content Security Policy...")."""
    return message.type == "error" and "Content Security Policy" in message.text


def listen_for_csp_violations(page, errors: list) -> None:
    """Anything the page's policy refuses goes into ``errors``, with the page's address."""
    page.on(
        "console",
        lambda message: is_csp_violation(message) and errors.append(f"{page.url}: {message.text}"),
    )


SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


def screenshot(page, name: str, *, full_page: bool = True) -> None:
    """Save the page as var/screenshots/<name> to look at, when the run was asked for them
    (``SCREENSHOTS=1 make test``): a full-page PNG costs about a quarter of a second, and
    a test run that nobody looks at need not make thirty of them."""
    if not os.environ.get("SCREENSHOTS"):
        return
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / name, full_page=full_page)


def shoot(page, name: str) -> None:
    """Check nothing in the page is wider than the phone, then take its screenshot
    (``screenshot``)."""
    wide = page.evaluate(
        """() => [...document.querySelectorAll('main *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
            .slice(0, 5).map(e => `${e.tagName}.${e.className}`)"""
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], wide
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, name)
