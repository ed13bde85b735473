"""The data page in a real browser: while the export is being built the page polls its
progress and, when it is ready, offers the download in place; the zip downloads."""

import zipfile

import pytest
from playwright.sync_api import expect

from rapport.community.checkins.testing import SECRET_WORD, learners_private_things
from rapport.core.testing.browser import browser, signed_in  # noqa: F401
from rapport.privacy import services
from rapport.privacy.models import DataExport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def export_under_way(cast):
    """Made before the browser starts: Playwright's event loop then owns this thread."""
    learners_private_things(cast)
    return DataExport.objects.create(user=cast.learner)


def test_the_page_shows_the_download_once_built_and_it_downloads(
    cast,
    export_under_way,
    live_server,
    browser,  # noqa: F811
    tmp_path,
):
    errors = []
    page = signed_in(browser, live_server, cast.learner, errors)
    page.goto(f"{live_server.url}/me/data/")
    expect(page.get_by_text("Gathering your data…")).to_be_visible()
    page.evaluate("window.__stillHere = true")
    services.data_export_build(export_id=export_under_way.pk)
    link = page.get_by_role("link", name="Download your data")
    expect(link).to_be_visible(timeout=5000)
    assert page.evaluate("window.__stillHere === true"), "the page reloaded"
    page.screenshot(path="/tmp/privacy-my-data.png", full_page=True)
    with page.expect_download() as download:
        link.click()
    saved = tmp_path / "data.zip"
    download.value.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        assert SECRET_WORD in archive.read("moods.json").decode()
    page.goto(f"{live_server.url}/privacy/outbound/")
    page.screenshot(path="/tmp/privacy-outbound.png", full_page=True)
    assert errors == []
