"""Mood over time as an inline SVG line chart, drawn by pygal on the server.

The SVG carries no script, no comment and no outside reference: pygal's tooltip script
(fetched from a CDN by default) is switched off with ``js=[]``, and an XML filter removes
the small inline config script and the credit comments pygal still writes. Every chart
sits next to a table of the same check-ins — its text alternative.
"""

from collections.abc import Sequence
from xml.etree import ElementTree

import pygal
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from pygal.style import Style

from rapport.community.models.checkins import MoodCheckin, MoodScore

STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#2b2420",
    foreground_strong="#2b2420",
    foreground_subtle="#e6dbcf",
    opacity="1",
    opacity_hover="1",
    colors=("#b5531c",),
    font_family='system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
    label_font_size=14,
    major_label_font_size=14,
    no_data_font_size=16,
)
Y_LABELS = [{"value": score.value, "label": score.label} for score in MoodScore]
# Dates along the bottom: enough to read the time span, few enough not to collide on a phone.
X_LABELS = 4


def _x_labels(moments: list) -> list:
    if len(moments) <= X_LABELS:
        return moments
    step = (len(moments) - 1) / (X_LABELS - 1)
    return [moments[round(index * step)] for index in range(X_LABELS)]


def _no_script_no_comments(title: str, summary: str):
    def clean(root: ElementTree.Element) -> ElementTree.Element:
        for parent in root.iter():
            for child in list(parent):
                tag = child.tag if isinstance(child.tag, str) else ""
                if child.tag is ElementTree.Comment or tag.rsplit("}", 1)[-1] == "script":
                    parent.remove(child)
                elif tag.rsplit("}", 1)[-1] == "title":
                    child.text = title
        root.set("role", "img")
        root.set("aria-label", summary)
        root.set("focusable", "false")
        return root

    return clean


def _summary(checkins: Sequence[MoodCheckin], title: str) -> str:
    if not checkins:
        return f"{title}: no check-ins yet."
    first = date_format(timezone.localtime(checkins[0].created_at), "j M")
    last = checkins[-1]
    return (
        f"{title}: {len(checkins)} check-in{'s' if len(checkins) != 1 else ''} from {first}, "
        f"latest {last.label}. The table below lists the same check-ins."
    )


def mood_chart(checkins: Sequence[MoodCheckin], *, title: str = "Mood over time") -> SafeString:
    """``checkins`` oldest first; times are drawn in the active (the viewer's) time zone."""
    chart = pygal.DateTimeLine(
        js=[],
        disable_xml_declaration=True,
        style=STYLE,
        width=480,
        height=260,
        range=(1, 5),
        y_labels=Y_LABELS,
        show_legend=False,
        show_x_guides=False,
        dots_size=4,
        stroke_style={"width": 3},
        margin=8,
        margin_right=24,
        x_value_formatter=lambda moment: date_format(moment, "j M"),
        x_label_rotation=0,
        truncate_label=-1,
        no_data_text="No check-ins yet",
    )
    chart.add_xml_filter(_no_script_no_comments(title, _summary(checkins, title)))
    points = [
        (timezone.localtime(checkin.created_at).replace(tzinfo=None), checkin.score)
        for checkin in checkins
    ]
    chart.x_labels = _x_labels([moment for moment, _ in points])
    chart.add("Mood", points)
    return mark_safe(chart.render())  # noqa: S308 — built by pygal from numbers and our labels
