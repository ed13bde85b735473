"""The course navigation in a real browser, on the seeded demo: on a 390 px phone the Menu
button opens and closes from the keyboard, every link in it can be reached with Tab, and
no course page the navigation leads to scrolls sideways; on a laptop each group's menu
opens, closes with Escape and closes when focus leaves it; without JavaScript every link
is simply there."""

import pytest
from playwright.sync_api import expect

from rapport.accounts.models import User
from rapport.core.testing.browser import PHONE, browser, screenshot, shoot, signed_in  # noqa: F401
from rapport.core.tests.test_accessibility_browser import axe_violations
from rapport.demo.people import INSTRUCTOR, LEARNER
from rapport.demo.testing import on_a_saturday

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOME = "/c/env-sci-101/"
DESKTOP = {"width": 1280, "height": 900}
NAV = "nav[aria-label='Course']"


@pytest.fixture
def demo(db):
    """The demo as on a Saturday (every ritual has a round open), made before the browser
    starts: Playwright's event loop then owns this thread."""
    with on_a_saturday():
        yield {
            "instructor": User.objects.get(email=INSTRUCTOR.email),
            "learner": User.objects.get(email=LEARNER.email),
        }


def nav_links(page) -> list[str]:
    """The menu's links (the course title before it links home as well)."""
    return page.eval_on_selector_all("#coursenav-menu a", "links => links.map(a => a.pathname)")


def tab_through_nav(page) -> list[str]:
    """Press Tab from the Menu button until focus leaves the navigation; the links passed."""
    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        inside, path = page.evaluate(
            f"""() => {{
                const el = document.activeElement;
                return [!!el.closest("{NAV}"), el.tagName === "A" ? el.pathname : null];
            }}"""
        )
        if not inside:
            return reached
        if path:
            reached.append(path)
    raise AssertionError("Tab never left the navigation")


def assert_fits(page, where: str) -> None:
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    wide = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
            .filter(e => e.parentElement.getBoundingClientRect().right <= window.innerWidth + 1)
            .slice(0, 6).map(e => `${e.tagName}.${e.className} in ${e.parentElement.className}`)"""
    )
    assert width[0] <= width[1], f"{where} scrolls sideways: {width[0]} px in {width[1]}: {wide}"


@pytest.mark.parametrize("role", ["instructor", "learner"])
def test_phone_menu_works_from_the_keyboard_and_no_page_scrolls_sideways(
    role,
    demo,
    live_server,
    browser,  # noqa: F811
):
    errors = []
    page = signed_in(browser, live_server, demo[role], errors, viewport=PHONE)
    page.goto(live_server.url + HOME)
    toggle = page.get_by_role("button", name="Menu")
    menu = page.locator("#coursenav-menu")
    links = nav_links(page)
    assert len(links) == (19 if role == "instructor" else 18)

    # Folded at first, the current place still in words beside the course title.
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_have_attribute("aria-controls", "coursenav-menu")
    expect(menu).to_be_hidden()
    expect(page.locator(".coursenav__here")).to_have_text(
        "This week" if role == "instructor" else "Home"
    )
    assert_fits(page, HOME)

    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(menu).to_be_visible()
    # Every link in the menu is reached with Tab, in order, and nothing else is in the way.
    assert tab_through_nav(page) == links
    shoot(page, f"coursenav-{role}-phone-open.png")
    # The walk of every page checks them folded; here the open menu meets WCAG 2.1 AA too.
    assert not axe_violations(page, f"{role}'s open menu on a phone")

    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_hidden()
    expect(toggle).to_be_focused()
    page.keyboard.press("Space")
    expect(menu).to_be_visible()
    page.keyboard.press("Space")
    expect(menu).to_be_hidden()

    # Every page the navigation leads to fits the phone, and says where it is.
    for path in dict.fromkeys(links):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert_fits(page, path)
        current = page.locator("#coursenav-menu a[aria-current='page']")
        expect(current).to_have_count(1)
        assert current.evaluate("a => a.pathname") == path
        expect(page.locator(".coursenav__here")).to_be_visible()
    shoot(page, f"coursenav-{role}-phone-last.png")
    if role == "instructor":
        # The People page's other tabs: tables of members, invitations and the join link.
        for tab in ("team", "invitations", "former"):
            page.goto(f"{live_server.url}/c/env-sci-101/learners/?tab={tab}")
            assert_fits(page, f"the People page's {tab} tab")
            expect(page.locator("#coursenav-menu a[aria-current='page']")).to_have_text("People")
        shoot(page, "people-former-phone.png")
        page.goto(f"{live_server.url}/c/env-sci-101/learners/?tab=team")
        shoot(page, "people-team-phone.png")
        page.goto(f"{live_server.url}/c/env-sci-101/learners/")
        page.locator(".tile-manage summary").first.click()
        assert_fits(page, "a learner's membership opened on the People page")
        shoot(page, "people-learners-phone.png")
    assert not errors


def test_the_current_group_shows_on_a_laptop_and_its_menu_works_by_keyboard(
    demo,
    live_server,
    browser,  # noqa: F811
):
    errors = []
    page = signed_in(browser, live_server, demo["instructor"], errors, viewport=DESKTOP)
    page.goto(live_server.url + "/c/env-sci-101/learners/")
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    nav = page.locator(NAV)
    learners = nav.get_by_role("button", name="Learners", exact=True)
    expect(learners).to_have_attribute("aria-current", "true")
    expect(learners).to_have_attribute("aria-expanded", "false")
    pages = page.locator(f"#{learners.get_attribute('aria-controls')}")
    expect(pages).to_be_hidden()

    learners.focus()
    page.keyboard.press("Enter")
    expect(learners).to_have_attribute("aria-expanded", "true")
    expect(pages).to_be_visible()
    expect(pages.locator("a[aria-current='page']")).to_have_text("People")
    assert not axe_violations(page, "a group's open menu on a laptop")
    page.keyboard.press("Tab")
    expect(pages.get_by_role("link", name="People")).to_be_focused()
    page.keyboard.press("Escape")
    expect(pages).to_be_hidden()
    expect(learners).to_be_focused()

    # Opening one group closes another; Tab past a group's last page closes it.
    community = nav.get_by_role("button", name="Community", exact=True)
    community.click()
    learners.click()
    expect(community).to_have_attribute("aria-expanded", "false")
    for _ in range(pages.get_by_role("link").count()):
        page.keyboard.press("Tab")
    expect(pages).to_be_visible()
    page.keyboard.press("Tab")
    expect(pages).to_be_hidden()
    # A click elsewhere closes it too.
    learners.click()
    page.locator("h1").click()
    expect(pages).to_be_hidden()
    assert_fits(page, "the roster on a laptop")
    learners.click()
    screenshot(page, "coursenav-instructor-laptop.png", full_page=False)
    assert not errors


def test_without_javascript_every_link_is_in_view(
    demo,
    live_server,
    browser,  # noqa: F811
):
    errors = []
    page = signed_in(
        browser, live_server, demo["instructor"], errors, viewport=PHONE, java_script_enabled=False
    )
    page.goto(live_server.url + HOME)
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    links = page.locator("#coursenav-menu a")
    assert links.count() == 19
    for index in range(links.count()):
        expect(links.nth(index)).to_be_visible()
    assert_fits(page, "the home page without JavaScript")
    shoot(page, "coursenav-instructor-phone-no-script.png")


@pytest.mark.parametrize("role", ["instructor", "learner"])
@pytest.mark.parametrize("width", [768, 1024])
def test_every_group_menu_opens_within_the_window(
    role,
    width,
    demo,
    live_server,
    browser,  # noqa: F811
):
    """At the narrowest widths that show the groups, no open menu pokes out sideways."""
    errors = []
    page = signed_in(
        browser, live_server, demo[role], errors, viewport={"width": width, "height": 800}
    )
    page.goto(live_server.url + HOME)
    buttons = page.locator(f"{NAV} .navgroup__button")
    assert buttons.count() == 3  # Community, Learners, Course; Community, Me, Course
    for index in range(buttons.count()):
        buttons.nth(index).click()
        pages = page.locator(f"#{buttons.nth(index).get_attribute('aria-controls')}")
        expect(pages).to_be_visible()
        box = pages.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (width, index, box)
        assert_fits(page, f"group {index} open at {width} px")
    assert not errors
