"""Playwright driving Debian's Chromium for browser tests (no downloaded browsers)."""

import pytest

CHROMIUM = "/usr/bin/chromium"
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


@pytest.fixture
def browser(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by
    # the test itself (to check results) are still plain synchronous calls. Only for this
    # test: elsewhere Django must keep refusing ORM calls from async code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()
