"""Helpers for discussion tests (and the role-matrix test): topics and replies made through
the services, a small real photo, and the HTML checks the XSS tests share."""

import io
from html.parser import HTMLParser

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from rapport.community.discussions import services
from rapport.community.models.discussions import Post, Topic


def start(course, author, title: str = "Hello, everyone", body: str = "Say hi!", **kwargs) -> Topic:
    return services.topic_start(course=course, author=author, title=title, body=body, **kwargs)


def opening(topic: Topic) -> Post:
    return topic.posts.get(parent__isnull=True)


def reply(parent: Post, author, body: str = "Hi there", **kwargs) -> Post:
    return services.post_reply(parent=parent, author=author, body=body, **kwargs)


def photo_upload(name: str = "trip.jpg", size=(64, 48), fmt: str = "JPEG", exif=None):
    image = Image.new("RGB", size, (46, 111, 98))
    out = io.BytesIO()
    if exif is not None:
        image.save(out, format=fmt, exif=exif)
    else:
        image.save(out, format=fmt)
    return SimpleUploadedFile(name, out.getvalue(), content_type=f"image/{fmt.lower()}")


def learners_photo_post(cast) -> Post:
    """A topic by ``cast.learner`` whose opening post carries a photo — what the role
    matrix's ``post_id`` and ``topic_id`` can point at."""
    topic = start(
        cast.course,
        cast.learner,
        title="Our field trip",
        body="The wetland at dawn",
        image_upload=photo_upload(),
        image_alt="Mist over reeds",
    )
    return opening(topic)


class ExecutableContent(HTMLParser):
    """Collects anything in a piece of HTML that could run: script and style elements,
    event-handler attributes, style attributes, and javascript:/data:/vbscript: URLs."""

    DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")
    URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag in {"script", "style", "iframe", "object", "embed", "svg", "math", "base"}:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            value = "".join((value or "").split()).lower()
            if name.startswith("on"):
                self.problems.append(f"{tag}[{name}]")
            # The one style attribute we write ourselves: a face's initials colour.
            if name == "style" and "face--initials" not in classes:
                self.problems.append(f"{tag}[style]")
            if name in self.URL_ATTRIBUTES and value.startswith(self.DANGEROUS_SCHEMES):
                self.problems.append(f"{tag}[{name}={value}]")

    handle_startendtag = handle_starttag


def executable_content(html: str) -> list[str]:
    """Problems in ``html``; a whole page is checked from its <main> on (the shell's own
    scripts live in <head>)."""
    if "<main" in html:
        html = html[html.index("<main") : html.index("</main>")]
    parser = ExecutableContent()
    parser.feed(html)
    parser.close()
    return parser.problems
