"""Test helpers for rituals and shout-outs (and for the role matrix): a ritual with an
open round, made through the services, and a small real image."""

import io
from datetime import time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from rapport.community.models.rituals import Featuring, Ritual, RitualRound, Weekday
from rapport.community.rituals import services


def ritual_make(*, course, author, featuring: str = Featuring.STAFF, title="Win of the Week"):
    return services.ritual_create(
        course=course,
        actor=author,
        title=title,
        prompts="What's one win from your week?\nWhat surprised you this week?",
        weekday=Weekday.FRIDAY,
        time_of_day=time(9, 0),
        open_days=6,
        featuring=featuring,
        now=timezone.now() - timedelta(days=30),
    )


def round_open(ritual: Ritual, *, actor) -> RitualRound:
    """This week's round, open now."""
    return services.ritual_open_now(ritual=ritual, actor=actor)


def image_upload(name="photo.jpg", *, size=(64, 48), color=(200, 120, 40), exif=None):
    image = Image.new("RGB", size, color)
    out = io.BytesIO()
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(out, format="JPEG", **kwargs)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def learners_add(course, count: int, *, prefix: str = "extra") -> list:
    """``count`` more active learners in ``course``, made in two queries."""
    from django.contrib.auth import get_user_model

    from rapport.courses.models import Membership, Role

    User = get_user_model()
    start = User.objects.count()
    users = User.objects.bulk_create(
        User(email=f"{prefix}{start + i}@example.test", preferred_name=f"Person {start + i}")
        for i in range(count)
    )
    users = list(User.objects.filter(email__in=[u.email for u in users]).order_by("pk"))
    Membership.objects.bulk_create(
        Membership(course=course, user=user, role=Role.LEARNER) for user in users
    )
    return users


# --- checking that user text came out harmless ------------------------------------------------

XSS_PAYLOADS = (
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "[click me](javascript:alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<svg onload="alert(1)"><circle r="4"/></svg>',
    "<style>body { display: none }</style>",
    '<a href="javascript:alert(1)" onclick="steal()">hi</a>',
    "![pixel](https://tracker.example/p.gif)",
    '<iframe src="https://evil.example"></iframe>',
    "<JaVaScRiPt:alert(1)>",
    # Characters renderers trip on: entity and raw private-use characters (what mention
    # placeholders once were), bidi overrides and isolates, zero-width characters.
    "&#xE000;0&#xE001; &#57344;9&#57345; \ue000\ue001",
    "\u202eevil\u202c &#x202E;gnp.exe \u2066isolated \u200f",
    "[tap](java\u200bscript:alert(1)) zero\u200bwidth\ufeff\u2060",
)


def harmful_markup(html: str) -> list[str]:
    """What in a page could run script, load a third party or restyle it: inline scripts,
    ``on*`` handlers, javascript:/data: links, SVG, iframes, images from elsewhere, style
    elements or attributes. Returns a description of each finding (empty when clean)."""
    from html.parser import HTMLParser

    found = []

    class Finder(HTMLParser):
        in_script = False

        def handle_starttag(self, tag, attrs):
            if tag in {"svg", "iframe", "object", "embed", "style", "math", "base"}:
                found.append(f"<{tag}>")
            if tag == "script" and not dict(attrs).get("src"):
                found.append("inline <script>")
            for name, value in attrs:
                value = (value or "").strip().lower()
                if name.startswith("on"):
                    found.append(f"{tag} {name}=")
                if name in {"href", "src", "action", "formaction", "xlink:href"} and (
                    value.startswith(("javascript:", "data:", "vbscript:"))
                ):
                    found.append(f"{tag} {name}={value[:20]}")
                if tag == "img" and name == "src" and value.startswith(("http:", "https:", "//")):
                    found.append(f"img from {value[:30]}")
                if name == "style" and "display" in value:
                    found.append(f"{tag} style=")

    Finder().feed(html)
    return found


def assert_harmless(html: str, *, element_id: str) -> None:
    """The element ``element_id`` (where user text is shown) holds nothing harmful, and the
    whole page has no inline script, handler or script link (the shell's own icons may be
    SVG)."""
    start = html.index(f'id="{element_id}"')
    fragment = html[start : html.index("</article>", start)]
    assert harmful_markup("<div " + fragment) == [], fragment
    page = [finding for finding in harmful_markup(html) if finding != "<svg>"]
    assert page == []
