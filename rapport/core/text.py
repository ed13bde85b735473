"""User text to safe HTML: Markdown rendered by markdown-it-py, then sanitized by nh3.

``render_markdown`` is the one renderer for every app that shows text people wrote (posts,
reflections, walls): raw HTML in the source is escaped, and the output passes a strict
allow-list — no images (no third-party requests from our pages), no attributes but a
link's ``href`` (http, https or mailto), and every link gets ``rel="nofollow noopener
noreferrer"``.
"""

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark", {"html": False, "breaks": True}).enable("strikethrough")

ALLOWED_TAGS = {
    "a",
    "b",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h3",
    "h4",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "strong",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}


def render_markdown(text: str) -> SafeString:
    if not text or not text.strip():
        return mark_safe("")
    html = _markdown.render(text)
    return mark_safe(  # noqa: S308 — nh3 has just sanitized it
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel="nofollow noopener noreferrer",
        )
    )
