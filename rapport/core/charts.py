"""What every server-drawn chart shares: the design system's look for pygal, and the clean-up
that leaves the inlined SVG with no script and no comment.

pygal's tooltip script (from a CDN by default) is switched off by passing ``js=[]``; the
small inline config script and the credit comments naming pygal's web pages it still
writes are removed by ``strip_scripts_and_comments`` in each chart's XML filter.
"""

import hashlib
from collections.abc import Callable
from xml.etree import ElementTree

from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from pygal.style import Style

# The design system's colours (rapport.css): ink on paper, marks in warm clay then teal,
# guide lines in the border colour so they stay behind the data.
STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#2b2420",
    foreground_strong="#2b2420",
    foreground_subtle="#5c5049",
    colors=("#b5531c", "#2f6f62"),
    opacity="1",
    opacity_hover=".8",
    transition="0s",
    font_family='system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
    label_font_size=15,
    major_label_font_size=15,
    value_font_size=15,
    value_label_font_size=15,
    title_font_size=16,
    no_data_font_size=16,
    guide_stroke_color="#e6dbcf",
    major_guide_stroke_color="#e6dbcf",
)


def local_name(element: ElementTree.Element) -> str:
    """The tag without its namespace (``script`` for ``{http://www.w3.org/2000/svg}script``);
    "" for a comment."""
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def strip_scripts_and_comments(root: ElementTree.Element) -> None:
    """Also the tooltips' layer: only pygal's script shows it, and its style attribute is
    one the page's Content-Security-Policy refuses."""
    for parent in root.iter():
        for child in list(parent):
            if (
                child.tag is ElementTree.Comment
                or local_name(child) == "script"
                or "tooltip-overlay" in child.get("class", "").split()
            ):
                parent.remove(child)


# A chart is drawn again only when what it shows changes: pygal takes ~10 ms a chart.
REMEMBERED_SECONDS = 24 * 3600


def remembered(draw: Callable[[], str], *, shows) -> SafeString:
    """``draw()``'s SVG, drawn once for the same ``shows`` (everything the chart depends on:
    its data and labels) in the active time zone and language, then taken from the cache."""
    what = repr((shows, timezone.get_current_timezone_name(), translation.get_language()))
    key = "chart:" + hashlib.sha256(what.encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        svg = str(draw())
        cache.set(key, svg, REMEMBERED_SECONDS)
    return mark_safe(svg)  # noqa: S308 — the caller's drawing, built from numbers and labels


def label_chart(root: ElementTree.Element, *, title: str, description: str) -> None:
    """Make a pygal SVG one accessible image: no script or comment, ``role="img"``, named by
    its ``<title>`` (set to ``title``) and described by a ``<desc>`` put after it."""
    strip_scripts_and_comments(root)
    chart_id = root.get("id", "chart")
    root.set("role", "img")
    root.set("aria-labelledby", f"{chart_id}-title {chart_id}-desc")
    root.set("focusable", "false")
    for child in list(root):
        if child.tag == "title":
            child.text = title
            child.set("id", f"{chart_id}-title")
            desc = ElementTree.Element("desc", id=f"{chart_id}-desc")
            desc.text = description
            root.insert(list(root).index(child) + 1, desc)
            break
