"""groups.js in a real browser: staff drag a learner into another group of a planned
round, and move one with the keyboard through the round's "Move … to …" form; the set's
page follows a forming task's progress and shows the groups when they are ready."""

import pytest
from playwright.sync_api import expect

from rapport.core.testing.browser import browser, signed_in  # noqa: F401
from rapport.groups import services
from rapport.groups.models import Formation, Group, GroupMember, GroupSet
from rapport.groups.testing import learner_make, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDE = {"width": 1280, "height": 900}


@pytest.fixture
def planned(cast):
    """Six learners in threes, one round planned (made before the browser starts:
    Playwright's loop then owns this thread)."""
    for n in range(4):
        learner_make(cast, f"l{n}")
    group_set = services.group_set_create(
        course=cast.course,
        member=member(cast, "instructor"),
        criteria=services.Criteria(title="Project teams", group_size=3),
        form_later=False,
    )
    return services.group_set_form(group_set=group_set)


def test_staff_move_learners_by_dragging_and_by_keyboard(
    cast,
    planned,
    live_server,
    browser,  # noqa: F811
):
    errors = []
    page = signed_in(browser, live_server, cast.instructor, errors, viewport=WIDE)
    page.goto(live_server.url + planned.get_absolute_url())
    round_ = planned.round_set.get()
    first, second = Group.objects.filter(round=round_).order_by("number")
    dragged = first.members.order_by("pk").first().user_id
    page.locator(
        f'#group-{first.pk} .group-member[data-user="{dragged}"] .group-member__name'
    ).drag_to(page.locator(f"#group-{second.pk} .group-box__members"))
    expect(page.locator(f'#group-{second.pk} .group-member[data-user="{dragged}"]')).to_be_visible()
    assert GroupMember.objects.get(round=round_, user_id=dragged).group_id == second.pk

    moved = second.members.exclude(user_id=dragged).order_by("pk").first().user_id
    who = page.get_by_label("Move", exact=True)
    who.focus()
    who.select_option(str(moved))
    page.keyboard.press("Tab")
    page.get_by_label("to", exact=True).select_option(str(first.pk))
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator(f'#group-{first.pk} .group-member[data-user="{moved}"]')).to_be_visible()
    assert GroupMember.objects.get(round=round_, user_id=moved).group_id == first.pk
    assert not errors, errors


def test_the_page_follows_the_forming_and_then_shows_the_groups(
    cast,
    planned,
    live_server,
    browser,  # noqa: F811
):
    GroupSet.objects.filter(pk=planned.pk).update(status=Formation.FORMING, progress=35)
    errors = []
    page = signed_in(browser, live_server, cast.instructor, errors, viewport=WIDE)
    page.goto(live_server.url + planned.get_absolute_url())
    expect(page.locator("#forming-bar")).to_have_attribute("value", "35")
    GroupSet.objects.filter(pk=planned.pk).update(progress=80)
    expect(page.locator("#forming-status")).to_contain_text("80%")
    GroupSet.objects.filter(pk=planned.pk).update(status=Formation.READY, progress=100)
    expect(page.get_by_role("button", name="Publish round 1")).to_be_visible()
    assert not errors, errors
