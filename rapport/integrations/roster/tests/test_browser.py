"""The import in a real browser, on a phone: upload a Moodle export, change a column, read
the preview, import, and see what was done; a running import's progress card, polled by
htmx, follows it to the end."""

import pytest
from playwright.sync_api import expect

from rapport.core.progress import progress_report
from rapport.core.testing.browser import browser, shoot, signed_in  # noqa: F401
from rapport.courses.models import Membership
from rapport.courses.services.roster import RosterOutcome
from rapport.integrations.roster.models import ImportStatus, RosterImport
from rapport.integrations.roster.services import outcome_as_dict, progress_key
from rapport.integrations.roster.testing import csv_bytes, roster_import_make
from rapport.integrations.roster.tests.test_parsing import MOODLE_CSV

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_instructor_imports_a_moodle_export_on_a_phone(
    cast,
    live_server,
    browser,  # noqa: F811
    tmp_path,
):
    path = tmp_path / "participants.csv"
    path.write_bytes(csv_bytes(MOODLE_CSV + [["Eve", "Ng", "eve@", "Student", ""]], bom=True))
    errors = []
    page = signed_in(browser, live_server, cast.instructor, errors)
    page.goto(f"{live_server.url}/c/{cast.course.slug}/learners/")
    page.get_by_role("link", name="Import a class list").click()
    page.get_by_label("Class list").set_input_files(path)
    page.get_by_role("button", name="Read this list").click()
    expect(page.get_by_text("Moodle participants export")).to_be_visible()
    expect(page.get_by_text("Row 4: email: 'eve@' is not an email address.")).to_be_visible()
    shoot(page, "roster-preview-phone.png")
    page.get_by_label("Role").select_option(label="— not in this file —")
    page.get_by_role("button", name="Update the preview").click()
    expect(page.get_by_label("Role")).to_have_value("")
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_role("heading", name="Imported", exact=True)).to_be_visible()
    shoot(page, "roster-imported-phone.png")
    ada = Membership.objects.get(course=cast.course, user__email="ada@school.test")
    assert ada.role == "learner"  # the role column was left out, so everyone is a learner
    assert errors == []


def test_the_page_follows_a_running_import_until_it_is_done(
    cast,
    live_server,
    browser,  # noqa: F811
):
    roster_import = roster_import_make(cast.course, cast.instructor)
    RosterImport.objects.filter(pk=roster_import.pk).update(status=ImportStatus.RUNNING)
    errors = []
    page = signed_in(browser, live_server, cast.instructor, errors)
    page.goto(live_server.url + roster_import.get_absolute_url())
    expect(page.get_by_role("progressbar", name="Importing class.csv…")).to_be_visible()
    progress_report(progress_key(roster_import.pk), 0.6)
    expect(page.get_by_role("status")).to_have_text("60%")
    # The task finishing (run here, its notifications would need this thread's event loop).
    RosterImport.objects.filter(pk=roster_import.pk).update(
        status=ImportStatus.DONE, progress=100, outcome=outcome_as_dict(RosterOutcome(added=3))
    )
    expect(page.get_by_role("heading", name="Imported", exact=True)).to_be_visible()
    expect(page.locator(".roster-counts dd").first).to_have_text("3")
    assert errors == []
