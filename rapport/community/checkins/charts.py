"""Mood over time as an inline SVG line chart, drawn by pygal on the server.

The SVG carries no script, no comment and no outside reference (``rapport.core.charts``).
Every chart sits next to a table of the same check-ins — its text alternative.
"""

from collections.abc import Sequence
from xml.etree import ElementTree

import pygal
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString

from rapport.community.models.checkins import MoodCheckin, MoodScore
from rapport.core.charts import STYLE, local_name, remembered, strip_scripts_and_comments

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
        strip_scripts_and_comments(root)
        for element in root.iter():
            if local_name(element) == "title":
                element.text = title
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
    """``checkins`` oldest first; times are drawn in the active (the viewer's) time zone.
    Drawn again only when the check-ins change."""
    shows = (title, [(checkin.created_at.timestamp(), checkin.score) for checkin in checkins])
    return remembered(lambda: _drawn(checkins, title), shows=shows)


def _drawn(checkins: Sequence[MoodCheckin], title: str) -> str:
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
    return chart.render()
