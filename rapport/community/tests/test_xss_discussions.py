"""An XSS corpus through every rich-text path of discussions — a topic's title and body, a
reply, an edit (and its history), a photo's description, and @mentions of a member whose
name is itself an attack. Every page that draws them must carry no executable content:
no script or style elements, no event handlers or style attributes, no javascript:/data:
links or sources."""

import pytest
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rapport.community.discussions import mentions, services
from rapport.community.discussions.testing import (
    executable_content,
    opening,
    photo_upload,
    reply,
    start,
)
from rapport.courses.models import Role
from rapport.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

# Text that looks like nothing but is made of characters renderers trip on: HTML entities for
# private-use characters (what mention placeholders once were), the characters themselves,
# bidi overrides and isolates, and zero-width characters hiding inside schemes and tokens.
UNICODE_TRICKS = [
    "&#xE000;0&#xE001;",
    "&#xe000;99&#xe001; and &#57344;7&#57345;",
    "\ue000\ue001\uf8ff\U000f0000 private use",
    "&#x202E;gnp.exe &#8238;txt.js",
    "\u202eevil\u202c \u2066isolated\u2069 \u200fright-to-left mark",
    "\u061c\u2067\u2068 unclosed isolates",
    "zero\u200bwidth\u200c\u200d\u2060\ufeff joiners",
    "[tap](java\u200bscript:alert(1))",
    "[tap](&#8203;javascript:alert(1))",
    "@\u200b[ghost](user:999999) @[gh\u200bost](user:999999)",
]

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><script>alert(2)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">tap</text></a></svg>',
    "<svg><use href=\"data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'>"
    "<image href='1' onerror='alert(1)' /></svg>#x\"></use></svg>",
    "[click me](javascript:alert(1))",
    "[click me](JaVaScRiPt:alert(document.cookie))",
    "[click me](  javascript:alert(1)  )",
    "[click me](java\tscript:alert(1))",
    "[entity](javas&#99;ript:alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[vb](vbscript:msgbox(1))",
    "<https://example.org/?q=<script>alert(1)</script>>",
    "![pic](javascript:alert(1))",
    "![pic](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '![pic](x" onerror="alert(1))',
    '<a href="javascript:alert(1)">raw link</a>',
    '<a href="&#106;avascript:alert(1)">entity link</a>',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    "<style>body { display: none }</style>",
    '<div style="position:fixed;inset:0;background:red">overlay</div>',
    '<iframe src="https://evil.example"></iframe>',
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    "<b onmouseover=alert(1)>unclosed bold",
    "<scr<script>ipt>alert(1)</script>",
    "<<script>alert(1)//<</script>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<!--<img src=x onerror=alert(1)>-->",
    "<details open ontoggle=alert(1)>",
    '<form action="javascript:alert(1)"><button>go</button></form>',
    "`<script>alert(1)</script>` and\n\n```\n<script>alert(1)</script>\n```",
    "**<i onclick=alert(1)>bold**</i>",
    '<base href="javascript:alert(1)//">',
    "@[<script>alert(1)</script>](user:999999)",
    '@[x" onmouseover="alert(1)](user:999999)',
    "\ue000" + "0" + "\ue001 private-use markers typed by hand",
    *UNICODE_TRICKS,
]
CORPUS = "\n\n".join(PAYLOADS)


@pytest.fixture
def villain(cast):
    """A member whose preferred name is an attack."""
    user = UserFactory(preferred_name="<script>alert('name')</script>", full_name="<b>Bad</b>")
    MembershipFactory(course=cast.course, user=user, role=Role.LEARNER)
    return user


@pytest.fixture
def sneaky(cast):
    user = UserFactory(preferred_name='"><img src=x onerror=alert(1)>', full_name="Sneaky")
    MembershipFactory(course=cast.course, user=user, role=Role.LEARNER)
    return user


def _clean(html: str, where: str) -> None:
    problems = executable_content(html)
    assert not problems, f"{where}: {problems}"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_each_payload_renders_without_executable_content(cast, payload):
    html = str(mentions.render_post(payload, people={}))
    _clean(html, payload)


def test_mention_of_a_member_with_a_script_for_a_name_is_escaped(cast, villain, sneaky):
    body = f"Hi @[friend](user:{villain.pk}) and @[pal](user:{sneaky.pk})"
    people = mentions.active_members(course=cast.course, ids=mentions.mentioned_ids(body))
    html = str(mentions.render_post(body, people=people))
    _clean(html, "mention")
    assert f"@{escape(villain.display_name)}" in html
    assert f"@{escape(sneaky.display_name)}" in html


@given(
    text=st.text(
        alphabet=st.sampled_from(list("<>\"'=/:;&#()[]@! \n`*_-xjavscriptdonelmg1")), max_size=120
    )
)
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_mix_of_markup_characters_renders_safely(text):
    _clean(str(mentions.render_post(text, people={})), repr(text))


def _pages_for(cast, client, topic, posts, *, viewer, is_staff) -> dict[str, str]:
    base = f"/c/{cast.course.slug}/discussions/"
    urls = {
        "topic list": base,
        "search": base + "?q=script",
        "thread": f"{base}{topic.pk}/",
        "newer (page)": f"{base}{topic.pk}/newer/?after=0",
    }
    for post in posts:
        urls[f"reply form {post.pk}"] = f"{base}posts/{post.pk}/reply/"
        urls[f"report form {post.pk}"] = f"{base}posts/{post.pk}/report/"
        if is_staff or post.author_id == viewer.pk:
            urls[f"history {post.pk}"] = f"{base}posts/{post.pk}/history/"
    pages = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, url
        pages[name] = response.content.decode()
    newer = client.get(f"{base}{topic.pk}/newer/?after=0", headers={"HX-Request": "true"})
    pages["newer (htmx)"] = newer.content.decode()
    return pages


def test_every_rich_text_path_renders_the_corpus_safely(cast, client_for, villain, sneaky):
    mention_villains = f"@[a](user:{villain.pk}) @[b](user:{sneaky.pk}) "
    topic = start(
        cast.course,
        cast.learner,
        title="<script>alert('title')</script><img src=x onerror=alert(1)>",
        body=mention_villains + CORPUS,
        image_upload=photo_upload(),
        image_alt='"><script>alert(1)</script><img src=x onerror=alert(1)>',
    )
    first = opening(topic)
    answer = reply(first, cast.other_learner, body=mention_villains + CORPUS)
    deeper = reply(answer, villain, body=CORPUS)
    services.post_edit(post=answer, editor=cast.other_learner, body="Edited: " + CORPUS)
    services.post_edit(
        post=first, editor=cast.learner, body=CORPUS + mention_villains, title="<svg onload=x>"
    )
    from rapport.community.discussions import moderation

    moderation.post_report(post=deeper, reporter=cast.learner, reason=CORPUS[:900])
    for role in ("learner", "other_learner", "instructor"):
        client = client_for(role)
        pages = _pages_for(
            cast,
            client,
            topic,
            [first, answer, deeper],
            viewer=cast.by_role(role),
            is_staff=role == "instructor",
        )
        for name, html in pages.items():
            _clean(html, f"{role}: {name}")
    staff = client_for("ta")
    for url in ("waiting/", "reports/"):
        response = staff.get(f"/c/{cast.course.slug}/discussions/{url}")
        _clean(response.content.decode(), url)


def test_placeholder_lookalikes_in_a_reply_leave_every_page_working(cast, client_for):
    """The HTML-entity form of a mention placeholder once raised IndexError while
    rendering, so every page drawing the reply answered 500 — to everyone."""
    topic = start(cast.course, cast.learner, body=f"Hi @[ta](user:{cast.ta.pk})")
    bait = reply(
        opening(topic),
        cast.other_learner,
        body=f"&#xE000;0&#xE001; &#xE000;3&#xE001; @[ta](user:{cast.ta.pk}) &#57344;1&#57345;",
    )
    from rapport.community.discussions import moderation

    moderation.post_report(post=bait, reporter=cast.learner, reason="&#xE000;0&#xE001;")
    base = f"/c/{cast.course.slug}/discussions/"
    pages = {
        "learner": [f"{base}{topic.pk}/", f"{base}posts/{bait.pk}/"],
        "other_learner": [f"{base}{topic.pk}/", f"{base}posts/{bait.pk}/history/"],
        "instructor": [f"{base}posts/{bait.pk}/history/", f"{base}reports/", f"{base}waiting/"],
    }
    for role, urls in pages.items():
        for url in urls:
            response = client_for(role).get(url, follow=True)  # a permalink redirects
            assert response.status_code == 200, (role, url)
            _clean(response.content.decode(), url)
    html = str(mentions.render_post(bait.body, people={cast.ta.pk: cast.ta}))
    assert html.count('class="mention"') == 1
    assert "\ue000" in html  # the lookalikes are shown as the characters they are


def test_a_mention_inside_a_link_title_puts_no_markup_in_the_attribute(cast):
    body = f'[site](https://example.org/ "hi @[ta](user:{cast.ta.pk})")'
    html = str(mentions.render_post(body, people={cast.ta.pk: cast.ta}))
    assert 'title="hi @Ta"' in html
    assert "<span" not in html


@pytest.mark.parametrize("trick", UNICODE_TRICKS)
def test_unicode_tricks_stay_inside_the_post_that_carries_them(cast, client_for, trick):
    topic = start(cast.course, cast.learner, body=f"before {trick} after")
    response = client_for("other_learner").get(f"/c/{cast.course.slug}/discussions/{topic.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    _clean(html, trick)
    prose = html.split('<div class="prose">', 1)[1].split("</div>", 1)[0]
    assert prose.startswith("<p>before ") and prose.rstrip().endswith(" after</p>")
    assert 'class="mention"' not in html


def test_the_corpus_is_shown_as_words_not_dropped(cast, client_for):
    topic = start(cast.course, cast.learner, body="<script>alert(1)</script> hello")
    html = client_for("other_learner").get(f"/c/{cast.course.slug}/discussions/{topic.pk}/")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; hello" in html.content.decode()


def test_the_mention_search_returns_names_as_data_not_markup(cast, client_for, villain):
    response = client_for("learner").get(
        f"/c/{cast.course.slug}/discussions/mentions/", {"q": "<scr"}
    )
    assert response["Content-Type"] == "application/json"
    assert response.json() == [{"id": villain.pk, "name": villain.display_name, "face_url": ""}]


@pytest.mark.parametrize(
    "html",
    [
        "<script>x</script>",
        '<img src="x" onerror="y">',
        '<a href=" JavaScript:alert(1)">x</a>',
        '<img src="data:image/png;base64,AAAA">',
        '<p style="color:red">x</p>',
        "<style>p{}</style>",
        "<svg></svg>",
    ],
)
def test_the_checker_itself_catches_executable_content(html):
    assert executable_content(html)
