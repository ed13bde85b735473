"""Every page of the demo, as the instructor, the TA and the learner (and the learner on a
390 px phone), checked with axe-core for WCAG 2.0/2.1 A and AA: no violations allowed. The
same walk runs under the site's Content-Security-Policy: nothing may be refused on any page
(no inline style or script, no eval, nothing from elsewhere).

The pages are the course URLs the role matrix says each role may open (GET 200), filled with
ids from the seeded demo, plus the pages outside courses and the 404 and 500 pages. axe-core
(4.12, MPL-2.0) comes inside the ``axe-playwright-python`` package (MIT), a dev dependency:
nothing is downloaded while the test runs. One browser, one tab per pass; it prints how many
pages it checked and how long that took.

The instructor and the TA see mostly the same pages. A page whose document has the very
shape of one axe already passed at the same window size (the same elements with the same
attributes, text present in the same places; only the text itself, numbers and tokens may
differ — a name, an id in a link, a CSRF token) gets the same verdict, so it is loaded and
compared but not checked again. What was checked is shared in one process: the
instructor's and the TA's passes run in one (an xdist group), and the learner's and the
signed-out passes, which share the phone's window size, in another, so that two workers
share the walk."""

import hashlib
import time
from pathlib import Path

import axe_playwright_python
import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from rapport.accounts.models import User
from rapport.community.models.checkins import ReflectionAnswer
from rapport.community.models.discussions import Post as DiscussionPost
from rapport.community.models.rituals import RitualPost, RitualRound
from rapport.community.models.shoutouts import Shoutout, ShoutoutVisibility
from rapport.core.testing.browser import (  # noqa: F401  (browser: a fixture)
    PHONE,
    browser,
    listen_for_csp_violations,
    session_for,
)
from rapport.core.tests.test_role_matrix import COURSE_URLS, EXPECTED
from rapport.courses.models import Course
from rapport.demo.people import INSTRUCTOR, LEARNER, TA
from rapport.demo.testing import on_a_saturday
from rapport.events.models import Event
from rapport.groups.models import FeedbackRequest, GroupMember
from rapport.integrations.lti.testing import roster_sync_make
from rapport.integrations.roster.testing import roster_import_make
from rapport.knowing.models.notes import StaffNote
from rapport.knowing.models.resources import Resource
from rapport.knowing.services.milestones import personal_milestone_share
from rapport.live.models import LiveSession
from rapport.media.testing import draft_ready, media_item_captioned
from rapport.officehours.models import Booking, OfficeHours, Pool
from rapport.presence.models import Message, MessageKind, MessageTemplate
from rapport.privacy.models import DataExport
from rapport.privacy.services import data_export_build
from rapport.surveys.models import Survey, SurveyKind
from rapport.walls.models import Card

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
DEMO_SLUG = "env-sci-101"
DESKTOP = {"width": 1280, "height": 900}

# URLs of the role matrix that answer with a file, CSV, JSON or an htmx fragment rather
# than a page.
NOT_PAGES = {
    "accounts:photo",
    "accounts:pronunciation",
    "media:file",
    "media:captions_vtt",
    "media:status",
    "knowing:resource_file",
    "community:post_image",
    "community:ritual_photo",
    "community:mention_search",
    "community:topic_newer",
    "surveys:export",
    "surveys:my_answers",
    "radar:indicators_csv",
    "walls:card_image",
    "walls:board_export",
    "walls:board_picture",
    "groups:set_progress",
    "groups:feedback_attachment",
    "live:session_export",
    "events:event_ics",
    "privacy:export_download",
}
SIGNED_IN_PAGES = [
    "courses:dashboard",
    "courses:join",
    "accounts:profile_edit",
    "core:notifications",
    "core:notification_settings",
    "core:privacy",
    "live:join",
    "account_email",
    "account_change_password",
]
SIGNED_OUT_PAGES = [
    "core:home",
    "core:privacy",
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_request_login_code",
    "courses:join",
    "live:join",
    "privacy:outbound",
]
MISSING_PAGE = "/this-page-does-not-exist/"


def _captioned_with_a_draft(course, learner):
    media = media_item_captioned(course=course, owner=learner)
    draft_ready(media)
    return media


def demo_ids(course: Course, learner) -> dict:
    """URL parameters from the seeded demo, pointing (like the role matrix's) at things of
    the demo learner, so each role sees what the matrix says it may. The demo seeds no
    recording or personal milestone of the learner's own; those two are added here."""
    note_to_learner = Message.objects.filter(
        course=course, recipient=learner, kind=MessageKind.NOTE, author__email=INSTRUCTOR.email
    ).earliest("pk")
    post = DiscussionPost.objects.filter(course=course, author=learner).earliest("pk")
    ritual_post = RitualPost.objects.filter(round__ritual__course=course, author=learner).latest(
        "pk"
    )
    open_round = RitualRound.objects.filter(
        ritual__course=course, opens_at__lte=timezone.now(), closes_at__gt=timezone.now()
    ).earliest("pk")
    intro = Survey.objects.get(course=course, kind=SurveyKind.INTRO)
    hello = Card.objects.get(board__course=course, board__is_intro=True, author=learner)
    partners = (
        GroupMember.objects.filter(user=learner, round__published_at__isnull=False)
        .select_related("group__round")
        .latest("round__number")
        .group
    )
    return {
        "course_slug": course.slug,
        "user_id": learner.pk,
        # with English captions, for the cue editor, and a speech draft for the draft's page
        "media_id": _captioned_with_a_draft(course, learner).public_id,
        "language": "en",
        "message_id": note_to_learner.pk,
        "template_id": MessageTemplate.objects.filter(course=course, owner__email=INSTRUCTOR.email)
        .earliest("pk")
        .pk,
        "resource_id": Resource.objects.filter(course=course).earliest("pk").pk,
        "milestone_id": personal_milestone_share(
            course=course, user=learner, text="Ran my first 10K", happened_on=timezone.localdate()
        ).pk,
        "prompt_id": ReflectionAnswer.objects.filter(learner=learner).earliest("pk").prompt_id,
        "topic_id": post.topic_id,
        "post_id": post.pk,
        "shoutout_id": Shoutout.objects.filter(
            course=course, receipts__user=learner, visibility=ShoutoutVisibility.PRIVATE
        )
        .earliest("pk")
        .pk,
        "ritual_id": open_round.ritual_id,
        "round_id": open_round.pk,
        "ritual_post_id": ritual_post.pk,
        "survey_id": intro.pk,
        "question_id": intro.questions.get(key="goals").pk,
        "board_id": hello.board_id,
        "card_id": hello.pk,
        "group_id": partners.pk,
        "set_id": partners.round.group_set_id,
        "request_id": _learners_request_for_feedback(partners, learner).pk,
        # the demo's Fun Friday (coming up), and a live class running now (the demo's are
        # over: a running one shows the controls, the shared screen and the phone page)
        "event_id": Event.objects.filter(course=course, starts_at__gt=timezone.now())
        .earliest("starts_at")
        .pk,
        "live_session_id": _live_class_running(course).pk,
        # the instructor's office hours and the learner's next meeting with her (the demo
        # seeds both), the demo's pool, and a "let's talk" invitation made here
        **_office_hours_ids(course, learner),
        # a class list the instructor uploaded and a finished sync with the course's LMS (the
        # demo seeds neither)
        "import_id": roster_import_make(course, User.objects.get(email=INSTRUCTOR.email)).pk,
        "sync_id": roster_sync_make(course).pk,
        # the learner's data export, built
        "export_id": data_export_build(export_id=DataExport.objects.create(user=learner).pk).pk,
    }


def _office_hours_ids(course: Course, learner) -> dict:
    from rapport.officehours import selectors as officehours_selectors
    from rapport.officehours import services as officehours

    hours = OfficeHours.objects.get(course=course, host__email=INSTRUCTOR.email)
    instructor = course.memberships.select_related("user", "course").get(user=hours.host)
    invite = officehours.invite_send(
        office_hours=hours,
        member=instructor,
        learner=course.memberships.select_related("user", "course").get(user=learner),
        starts=[slot.starts_at for slot in officehours_selectors.slots_of(hours)[-2:]],
        message="Shall we catch up?",
    )
    return {
        "office_hours_id": hours.pk,
        "booking_id": Booking.objects.filter(
            office_hours=hours, learner=learner, starts_at__gt=timezone.now()
        )
        .earliest("starts_at")
        .pk,
        "pool_id": Pool.objects.get(course=course).pk,
        "invite_id": invite.pk,
        "window_id": hours.weekly.earliest("pk").pk,
    }


def _live_class_running(course: Course) -> LiveSession:
    """A live session open in the course, its first activity on screen."""
    from rapport.live import services as live

    instructor = course.memberships.select_related("user", "course").get(
        user__email=INSTRUCTOR.email
    )
    session = live.session_create(course=course, member=instructor, title="Live class today")
    live.activity_add_from_bank(session=session, member=instructor, key="week-word")
    return session


def _learners_request_for_feedback(group, learner) -> FeedbackRequest:
    """The demo learner's request for feedback in their group (made when the demo has none)."""
    from rapport.groups.feedback.services import feedback_request_create

    found = FeedbackRequest.objects.filter(group=group, author=learner).first()
    if found is not None:
        return found
    membership = group.course.memberships.select_related("user", "course").get(user=learner)
    return feedback_request_create(
        group=group, member=membership, title="My field notes", body="What do you think?"
    )


def course_url(name: str, ids: dict, course: Course) -> str:
    route = COURSE_URLS[name]
    needed = [part.split(">")[0].split(":")[-1] for part in route.split("<")[1:]]
    values = dict(ids)
    if name.startswith("community:ritual"):
        values["post_id"] = ids["ritual_post_id"]
    if name == "presence:checkin_edit":
        # Only a check-in not out yet can be changed: the demo schedules next Monday's.
        values["message_id"] = (
            Message.objects.filter(course=course, kind=MessageKind.CHECKIN, released_at=None)
            .earliest("pk")
            .pk
        )
    if name == "knowing:note_edit":
        # The instructor may edit only their own notes; the demo's are about other learners.
        note = StaffNote.objects.filter(course=course, author__email=INSTRUCTOR.email).first()
        values |= {"note_id": note.pk, "user_id": note.learner_id}
    return reverse(name, kwargs={key: values[key] for key in needed})


def pages_for(role: str, ids: dict, course: Course) -> list[str]:
    course_pages = [
        course_url(name, ids, course)
        for name, methods in sorted(EXPECTED.items())
        if methods.get("GET", {}).get(role) == 200 and name not in NOT_PAGES
    ]
    extra = ["courses:create"] if role == "instructor" else []
    return course_pages + [reverse(name) for name in SIGNED_IN_PAGES + extra]


# axe-core as shipped in its Python package (nothing downloaded), put in every page the
# context opens before the page's own scripts: loading it once a page, not once per check.
AXE_JS = Path(axe_playwright_python.__file__).with_name("axe.min.js")


def signed_in_context(browser, live_server, user, viewport):  # noqa: F811
    context = browser.new_context(viewport=viewport)
    context.add_init_script(path=AXE_JS)
    if user is not None:
        context.add_cookies(
            [{"name": "sessionid", "value": session_for(user), "url": live_server.url}]
        )
    return context


# (window width, height) -> shapes of documents axe found no violation in
PASSED_SHAPES: dict[tuple[int, int], set[str]] = {}
# Pages not checked again, their shape having passed already
RECOGNISED: list[str] = []
# The document's shape: every element with its attributes in order, and where text is. Text,
# digits and long tokens (CSRF) are left out: they differ between viewers, not in markup.
DOCUMENT_SHAPE = r"""() => {
    const parts = [];
    const walk = node => {
        if (node.nodeType === Node.TEXT_NODE) {
            if (node.data.trim()) parts.push('#text');
            return;
        }
        if (node.nodeType !== Node.ELEMENT_NODE) return;
        const attributes = [...node.attributes].map(a =>
            a.name + '=' + a.value.replace(/[A-Za-z0-9_-]{24,}/g, 'T').replace(/[0-9]+/g, '0'));
        parts.push('<' + node.tagName + ' ' + attributes.join(' '));
        for (const child of node.childNodes) walk(child);
        parts.push('>');
    };
    walk(document.documentElement);
    return parts.join('');
}"""


HTMX_BUSY = "() => !!document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')"


def audit(page, base_url: str, path: str, expected_status: int = 200) -> list[str]:
    """The page's violations, or none if a document of the same shape passed already."""
    response = page.goto(base_url + path, wait_until="load")
    assert response is not None and response.status == expected_status, (
        f"{path} answered {response and response.status}"
    )
    # Content that htmx loads after the page (hx-trigger="load") must be in place first.
    # Most pages have none, or it has come already: asked once, they answer at once (waiting
    # for the function costs an animation frame or two, page after page).
    if page.evaluate(HTMX_BUSY):
        page.wait_for_function(f"() => !({HTMX_BUSY})()")
    size = page.viewport_size
    passed = PASSED_SHAPES.setdefault((size["width"], size["height"]), set())
    shape = hashlib.sha256(page.evaluate(DOCUMENT_SHAPE).encode()).hexdigest()
    if shape in passed:
        RECOGNISED.append(path)
        return []
    violations = axe_violations(page, path)
    if not violations:
        passed.add(shape)
    return violations


def axe_violations(page, where: str) -> list[str]:
    if not page.evaluate("typeof axe !== 'undefined'"):  # a page opened without AXE_JS
        # Evaluated from outside the page, which its Content-Security-Policy does not
        # govern: a <script> element added to it (add_script_tag) would be refused.
        page.evaluate(AXE_JS.read_text())
    # Only the violations cross back to Python: the whole result (every rule, with its
    # description) is large and slow to decode, page after page.
    violations = page.evaluate(AXE_VIOLATIONS, AXE_OPTIONS)
    return [
        f"{where}: {violation['id']} ({violation['impact']}) {violation['help']} — "
        + "; ".join(", ".join(target) for target in violation["targets"])
        for violation in violations
    ]


AXE_VIOLATIONS = """options => axe.run(document, options).then(results => results.violations.map(
    v => ({id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 4).map(n => n.target)})
))"""  # noqa: E501


@pytest.fixture
def demo(db):
    """The demo as on a Saturday, when every demo ritual has a round open, and the clock
    there for the test (rapport/demo/testing.py)."""
    with on_a_saturday():
        yield demo_pages()


def demo_pages() -> dict:
    course = Course.objects.get(slug=DEMO_SLUG)
    people = {
        role: User.objects.get(email=person.email)
        for role, person in [("instructor", INSTRUCTOR), ("ta", TA), ("learner", LEARNER)]
    }
    ids = demo_ids(course, people["learner"])
    return {role: pages_for(role, ids, course) for role in ("instructor", "ta", "learner")} | {
        "people": people
    }


# Each pass with the group it runs in (see the module's docstring).
RUNS = [
    pytest.param(run, marks=pytest.mark.xdist_group(group))
    for run, group in [
        ("instructor", "accessibility-staff"),
        ("ta", "accessibility-staff"),
        ("learner", "accessibility-learner"),
        ("learner on a phone", "accessibility-learner"),
        ("signed out", "accessibility-learner"),
    ]
]


@pytest.mark.parametrize("run", RUNS)
def test_every_demo_page_meets_wcag_2_1_aa(run, demo, live_server, browser):  # noqa: F811
    """One pass a role (five, in two groups, so that the suite's workers share them)."""
    started, recognised = time.monotonic(), len(RECOGNISED)
    people = demo.pop("people")
    # The three roles' passes open every page the role matrix lets each of them open.
    assert sum(len(pages) for pages in demo.values()) > 150
    if run == "signed out":
        violations, visited = signed_out_pass(browser, live_server)
    else:
        role = run.split()[0]
        viewport = PHONE if run.endswith("phone") else DESKTOP
        violations, visited = signed_in_pass(
            browser, live_server, run, people[role], viewport, demo[role]
        )
        assert visited == len(demo[role]) > 20
    again = len(RECOGNISED) - recognised
    print(
        f"\n[{run}] {visited} pages in {time.monotonic() - started:.1f} s: axe checked "
        f"{visited - again}, {again} had the shape of a page that passed already"
    )
    assert not violations, f"{len(violations)} accessibility violations:\n" + "\n".join(violations)


def signed_in_pass(browser, live_server, label, user, viewport, pages):  # noqa: F811
    violations, refused = [], []
    context = signed_in_context(browser, live_server, user, viewport)
    page = context.new_page()
    listen_for_csp_violations(page, refused)
    for path in pages:
        violations += [f"[{label}] {line}" for line in audit(page, live_server.url, path)]
    violations += [f"[{label}] {line}" for line in audit(page, live_server.url, MISSING_PAGE, 404)]
    context.close()
    return violations + [f"[{label}] refused by the CSP: {line}" for line in refused], len(pages)


def signed_out_pass(browser, live_server):  # noqa: F811
    violations, refused = [], []
    context = signed_in_context(browser, live_server, None, PHONE)
    page = context.new_page()
    listen_for_csp_violations(page, refused)
    paths = [reverse(name) for name in SIGNED_OUT_PAGES]
    for path in paths + [MISSING_PAGE]:
        expected = 404 if path == MISSING_PAGE else 200
        violations += [
            f"[signed out] {line}" for line in audit(page, live_server.url, path, expected)
        ]
    violations += [f"[signed out] refused by the CSP: {line}" for line in refused]
    # The 500 page is rendered without a request; show it as the server would send it.
    page.set_content(render_to_string("500.html"))
    page.wait_for_load_state("load")
    violations += [f"[500 page] {line}" for line in axe_violations(page, "500.html")]
    context.close()
    return violations, len(paths) + 1


def test_the_check_finds_a_known_violation(browser):  # noqa: F811
    page = browser.new_page()
    page.set_content('<html lang="en"><title>t</title><main><img src="x.png"></main></html>')
    assert any("image-alt" in line for line in axe_violations(page, "sample"))


def test_only_the_very_same_markup_counts_as_the_same_shape(browser):  # noqa: F811
    page = browser.new_page()

    def shape(link: str, token: str = "aB3" * 21) -> str:
        page.set_content(
            f'<html lang="en"><title>t</title><main>{link}'
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}"></main></html>'
        )
        return page.evaluate(DOCUMENT_SHAPE)

    seen = shape('<a href="/c/demo/people/7/">Maya Chen</a>')
    # Another viewer: other names, ids and tokens in the same markup.
    assert shape('<a href="/c/demo/people/12/">Sam Ortiz</a>', token="Zy9" * 21) == seen
    # Anything axe could judge differently is another shape: a missing name, an attribute,
    # another element.
    assert shape('<a href="/c/demo/people/12/"></a>') != seen
    assert shape('<a href="/c/demo/people/7/" aria-hidden="true">Maya Chen</a>') != seen
    assert shape('<a href="/c/demo/people/7/"><b>Maya</b> Chen</a>') != seen
    assert shape('<a href="/c/demo/courses/">Maya Chen</a>') != seen
