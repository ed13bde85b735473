"""The belonging pulse as a line chart drawn on the server by pygal (the shared look and
clean-up of ``rapport.core.charts``): one line per pulse question over the rounds, on the
1–5 scale. The chart is an image with a title and a description; the page shows the same
numbers as a table."""

import copy
from collections.abc import Sequence
from xml.etree import ElementTree

import pygal

from rapport.core.charts import STYLE, label_chart

# A third mark colour for the third question, dark enough against the paper.
PULSE_STYLE = copy.copy(STYLE)
PULSE_STYLE.colors = (*STYLE.colors, "#4a4f8c")


def pulse_chart(
    *,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
) -> str:
    """``series`` is (name, one value or None per label); an inline ``<svg>`` string."""
    chart = pygal.Line(
        style=PULSE_STYLE,
        js=[],
        disable_xml_declaration=True,
        width=640,
        height=300,
        margin=12,
        range=(1, 5),
        y_labels=[1, 2, 3, 4, 5],
        legend_at_bottom=True,
        legend_at_bottom_columns=3,
        truncate_label=-1,
        truncate_legend=-1,
        x_label_rotation=0 if len(labels) <= 5 else -30,
        allow_interruptions=True,
        value_formatter=lambda value: f"{value:.1f}",
        no_data_text="No answers yet",
    )
    chart.x_labels = list(labels)
    for name, values in series:
        chart.add(name, list(values))
    chart.add_xml_filter(_accessible(title=title, description=description))
    return chart.render(is_unicode=True)


def _accessible(*, title: str, description: str):
    def apply(root: ElementTree.Element) -> ElementTree.Element:
        label_chart(root, title=title, description=description)
        return root

    return apply
