"""Peers never see anyone's mood or reflections, and what learners write cannot run in
anyone's browser."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from rapport.community.checkins import services
from rapport.community.checkins.testing import (
    SECRET_REFLECTION,
    SECRET_WORD,
    learners_private_things,
    prompt_open,
)
from rapport.community.urls_checkins import urlpatterns

pytestmark = pytest.mark.django_db

SECRETS = (SECRET_WORD, SECRET_REFLECTION, "Thank you for this")


@pytest.fixture
def private(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return learners_private_things(cast)


def every_url(cast, private):
    """Every URL of this feature, with ids naming cast.learner and their answer's prompt."""
    ids = {"user_id": cast.learner.pk, "prompt_id": private["prompt"].pk}
    for pattern in urlpatterns:
        route = str(pattern.pattern)
        kwargs = {name: value for name, value in ids.items() if f":{name}>" in route}
        yield (
            pattern.name,
            kwargs,
            reverse(
                f"community:{pattern.name}", kwargs={"course_slug": cast.course.slug, **kwargs}
            ),
        )


@pytest.mark.parametrize("htmx", [False, True])
def test_another_learner_reaches_nothing_of_a_classmates_moods_or_reflections(
    cast, client_for, private, htmx
):
    client = client_for("other_learner")
    extra = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    for name, kwargs, url in every_url(cast, private):
        for method in ("get", "post"):
            response = getattr(client, method)(url, {}, **extra)
            if "user_id" in kwargs:
                # Every URL naming cast.learner is a 404 for a classmate.
                assert response.status_code == 404, (name, method)
            body = response.content.decode()
            for secret in SECRETS:
                assert secret not in body, (name, method, secret)


@pytest.mark.parametrize("name", ["home:course", "courses:people", "courses:person"])
def test_course_pages_show_a_classmate_nothing_of_a_learners_mood_or_reflection(
    cast, client_for, private, name
):
    kwargs = {"course_slug": cast.course.slug}
    if name == "courses:person":
        kwargs["user_id"] = cast.learner.pk
    body = client_for("other_learner").get(reverse(name, kwargs=kwargs)).content.decode()
    for secret in SECRETS:
        assert secret not in body


def test_the_learner_and_staff_do_see_it(cast, client_for, private):
    prompt = private["prompt"].pk
    mine = client_for("learner")
    assert SECRET_WORD in mine.get(reverse("community:mood", args=[cast.course.slug])).text
    assert SECRET_REFLECTION in mine.get(reverse("community:reflections", args=["env-sci"])).text
    staff = client_for("ta")
    page = staff.get(reverse("community:reflection_prompt", args=["env-sci", prompt])).text
    assert SECRET_REFLECTION in page
    assert SECRET_WORD in staff.get(reverse("community:mood_overview", args=["env-sci"])).text


# --- hostile text ----------------------------------------------------------------------------

PAYLOADS = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "[click me](javascript:alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<svg onload=alert(1)><circle r=1></svg>",
    "<style>body{display:none}</style>",
    '<a href="javascript:alert(1)" style="position:fixed">x</a>',
    "![pic](https://tracker.example/p.png)",
    "&#xE000;0&#xE001; &#57344;9&#57345; \ue000\ue001",
    "\u202eevil\u202c &#x202E;gnp.exe \u2066isolated",
    "[tap](java\u200bscript:alert(1)) zero\u200bwidth\ufeff",
]


class _Audit(HTMLParser):
    """Collects what could run or fetch inside <main>, skipping pygal's own chart."""

    def __init__(self):
        super().__init__()
        self.in_main = self.in_chart = 0
        self.problems = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self.in_main += 1
        if not self.in_main:
            return
        if tag == "svg" and "pygal-chart" in (attrs.get("class") or ""):
            self.in_chart += 1
            return
        if self.in_chart:
            return
        if tag in {"script", "style", "svg", "iframe", "object", "embed"}:
            self.problems.append(f"<{tag}>")
        if tag == "img" and not (attrs.get("src") or "").startswith("/accounts/"):
            self.problems.append(f"img {attrs.get('src')}")
        for name, value in attrs.items():
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}")
            if name in {"href", "src", "action", "formaction"} and value.startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                self.problems.append(f"{tag} {name}={value}")
            if name == "style" and not value.startswith("--hue"):
                self.problems.append(f"{tag} style={value}")

    def handle_endtag(self, tag):
        if tag == "svg" and self.in_chart:
            self.in_chart -= 1
        if tag == "main":
            self.in_main -= 1


def assert_harmless(html: str):
    audit = _Audit()
    audit.feed(html)
    assert not audit.problems, audit.problems


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_reflections_replies_and_mood_words_render_harmless(cast, client_for, payload):
    prompt = prompt_open(cast, text=payload)
    answer, _ = services.reflection_answer_save(prompt=prompt, learner=cast.learner, text=payload)
    services.reflection_reply_add(answer=answer, author=cast.ta, text=payload)
    word = payload[:30]
    services.mood_record(course=cast.course, learner=cast.learner, score=2, word=word)
    slug, learner = cast.course.slug, cast.learner.pk
    pages = {
        "learner": [
            reverse("community:mood", args=[slug]),
            reverse("community:reflections", args=[slug]),
            reverse("community:reflection_prompt", args=[slug, prompt.pk]),
        ],
        "instructor": [
            reverse("community:mood_overview", args=[slug]),
            reverse("community:mood_learner", args=[slug, learner]),
            reverse("community:reflections", args=[slug]),
            reverse("community:reflection_prompt", args=[slug, prompt.pk]),
            reverse("community:reflection_answer", args=[slug, prompt.pk, learner]),
            reverse("community:wellbeing_audit", args=[slug]),
        ],
    }
    for role, urls in pages.items():
        client = client_for(role)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            assert_harmless(response.content.decode())
    # The thank-you htmx swaps in shows the word too.
    done = client_for("learner").post(
        reverse("community:mood", args=[slug]),
        {"score": "3", "word": word},
        HTTP_HX_REQUEST="true",
    )
    assert_harmless("<main>" + done.content.decode() + "</main>")
