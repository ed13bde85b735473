"""The peer network as SVG markup, written in Python: a course of 500 learners draws
thousands of ties, and the template engine's per-number localisation made that the slowest
part of the page. Every name is escaped; the positions come from ``network.layout``.

Staff only: the drawing names every learner."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _stroke(weight: int) -> int:
    return 3 if weight > 4 else 2 if weight > 1 else 1


def network_svg(network) -> SafeString:
    isolated = len(network.isolated)
    parts = [
        f'<svg class="network__svg" viewBox="0 0 {network.width} {network.height}" role="img" '
        'aria-labelledby="network-title network-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="network-title">Who has interacted with whom among '
        f"{_plural(network.learners, 'learner')}</title>",
        '<desc id="network-desc">Each dot is a learner; a line joins two learners who have '
        "replied to, mentioned, reacted to or given a shout-out to each other, thicker for "
        f"more. {_plural(isolated, 'learner')} with no tie yet sit in the rows at the bottom. "
        "Dashed lines are ties that alone hold two parts of the class together. The same "
        "facts are listed beside the drawing.</desc>",
        '<g class="network__edges">',
    ]
    bridge = ' class="network__bridge"'
    parts += [
        f'<line x1="{e.x1}" y1="{e.y1}" x2="{e.x2}" y2="{e.y2}" '
        f'stroke-width="{_stroke(e.weight)}"{bridge if e.bridge else ""}/>'
        for e in network.edges
    ]
    parts.append('</g><g class="network__nodes">')
    radius = 8 if network.labelled else 6
    for node in network.nodes:
        name = escape(node.user.display_name)
        parts.append(
            f'<circle cx="{node.x}" cy="{node.y}" r="{radius}" '
            f'class="network__node network__node--{node.state}">'
            f"<title>{name}: {_plural(node.ties, 'classmate')}</title></circle>"
        )
        if network.labelled:
            parts.append(
                f'<text x="{node.x}" y="{node.label_y}" text-anchor="middle">{name}</text>'
            )
    parts.append("</g></svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every name above is escaped


def classmates_list(network) -> SafeString:
    """The drawing in words: each learner and the classmates they have interacted with."""
    items = [
        f"<li>{escape(node.user.display_name)}: "
        + (", ".join(escape(c.display_name) for c in node.classmates) or "nobody yet")
        + "</li>"
        for node in network.nodes
    ]
    return mark_safe("<ul>" + "".join(items) + "</ul>")  # noqa: S308 - names escaped
