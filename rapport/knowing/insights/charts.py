"""Bar charts drawn on the server by pygal and inlined into the page as SVG.

No JavaScript and nothing fetched from anywhere (``rapport.core.charts``). Each bar carries
an SVG ``<title>`` — the browser's own tooltip, no script needed — and the chart a
``<title>``/``<desc>`` pair; the page shows the same numbers as a table beside it.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from xml.etree import ElementTree

import pygal

from rapport.core.charts import STYLE, label_chart


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    # Said when the bar is hovered or focused (who is behind the number).
    detail: str = ""


def bar_chart(
    *,
    title: str,
    description: str,
    bars: Sequence[Bar],
    unit: tuple[str, str] = ("learner", "learners"),
    horizontal: bool = True,
) -> str:
    """The bars as an inline ``<svg>`` string, biggest first (top, or left)."""
    chart_class = pygal.HorizontalBar if horizontal else pygal.Bar
    # Horizontal bars are drawn bottom-up: reverse them so the first is on top.
    ordered = list(reversed(bars)) if horizontal else list(bars)
    top = max((bar.value for bar in bars), default=0)
    chart = chart_class(
        style=STYLE,
        js=[],
        disable_xml_declaration=True,
        show_legend=False,
        print_values=True,
        print_values_position="top" if not horizontal else "center",
        width=560,
        height=max(160, 34 * len(bars) + 70) if horizontal else 300,
        margin=12,
        truncate_label=-1,
        y_labels=_ticks(top),
        value_formatter=lambda value: f"{value:g}",
        x_label_rotation=0 if horizontal or len(bars) <= 4 else -30,
        no_data_text="Nothing yet",
    )
    chart.x_labels = [bar.label for bar in ordered]
    chart.add(
        unit[1].capitalize(),
        [{"value": bar.value, "label": bar.detail} for bar in ordered],
    )
    chart.add_xml_filter(_accessible(title=title, description=description, unit=unit))
    return chart.render(is_unicode=True)


def _ticks(top: int) -> list[int]:
    step = 1
    for candidate in (1, 2, 5, 10, 20, 50, 100, 200, 500):
        step = candidate
        if top / candidate <= 8:
            break
    return list(range(0, top + step, step))


def _accessible(*, title: str, description: str, unit: tuple[str, str]):
    def apply(root: ElementTree.Element) -> ElementTree.Element:
        label_chart(root, title=title, description=description)
        for group in root.iter("g"):
            if group.get("class") == "bar":
                _title_bar(group, unit)
        return root

    return apply


def _title_bar(group: ElementTree.Element, unit: tuple[str, str]) -> None:
    descs = {desc.get("class", "").split()[0]: desc.text or "" for desc in group.iter("desc")}
    value = descs.get("value", "")
    word = unit[0] if value == "1" else unit[1]
    text = f"{descs.get('x_label', '')}: {value} {word}"
    if descs.get("label"):
        text += f" — {descs['label']}"
    bar_title = ElementTree.Element("title")
    bar_title.text = text
    group.insert(0, bar_title)
    # The JavaScript tooltip's data, which nothing reads without pygal's script.
    for desc in list(group):
        if desc.tag == "desc":
            group.remove(desc)
