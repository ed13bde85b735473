"""Two people meet in a new course, each in their own browser."""

import re

import pytest
from playwright.sync_api import expect

from rapport.core.testing.browser import PHONE, browser, screenshot  # noqa: F401
from rapport.core.testing.sign_up import emailed_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def type_the_emailed_code(page, email):
    """The page after signing up asks for the code emailed to the address."""
    code = page.get_by_label("Code")
    expect(code).to_be_visible()
    code.fill(emailed_code(email))
    page.get_by_role("button", name="Confirm").click()


def sign_up(page, base_url, email, name):
    page.goto(base_url + "/accounts/signup/")
    page.get_by_label("What should we call you?").fill(name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill("a-long-walk-by-the-river")
    page.get_by_label("Password (again)").fill("a-long-walk-by-the-river")
    page.get_by_role("button", name="Sign up").click()
    type_the_emailed_code(page, email)
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_an_instructor_and_a_learner_meet_through_the_join_link(browser, live_server):  # noqa: F811
    base = live_server.url
    teacher = browser.new_context().new_page()
    sign_up(teacher, base, "ada@example.test", "Ada")
    teacher.goto(base + "/courses/new/")
    teacher.get_by_label("Title").fill("Marine Biology")
    teacher.get_by_label("Term").fill("Spring 2027")
    teacher.get_by_role("button", name="Create course").click()
    expect(teacher).to_have_url(re.compile(r"/c/marine-biology/$"))
    join_link = teacher.get_by_test_id("join-link").input_value()
    assert "/join/" in join_link

    learner = browser.new_context(viewport=PHONE).new_page()
    learner.goto(join_link)
    learner.get_by_role("main").get_by_role("link", name="Sign up").click()
    sign_up_via_next = learner.url
    assert "next=" in sign_up_via_next
    learner.get_by_label("What should we call you?").fill("Kwame")
    learner.get_by_label("Email").fill("kwame@example.test")
    learner.get_by_label("Password", exact=True).fill("a-long-walk-by-the-river")
    learner.get_by_label("Password (again)").fill("a-long-walk-by-the-river")
    learner.get_by_role("button", name="Sign up").click()
    type_the_emailed_code(learner, "kwame@example.test")
    expect(learner).to_have_url(re.compile(r"/join/[A-Z0-9]+/$"))  # back on the join link
    learner.get_by_role("button", name="Join").click()
    expect(learner).to_have_url(re.compile(r"/c/marine-biology/$"))
    expect(learner.get_by_text("Ada").first).to_be_visible()
    screenshot(learner, "join-learner-phone.png")

    teacher.goto(base + "/c/marine-biology/")
    expect(teacher.get_by_text("Kwame").first).to_be_visible()
    screenshot(teacher, "join-teacher.png")
