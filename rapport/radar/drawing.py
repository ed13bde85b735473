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


def _at(coordinate: float) -> int:
    """A place in the drawing to the nearest unit: finer is invisible on a 800-wide picture."""
    return round(coordinate)


def _ties(edges) -> list[str]:
    """Every tie as one path per line width (and one for the bridges, dashed): thousands of
    ties as thousands of <line> elements were most of a big class's page."""
    moves: dict[tuple[int, bool], list[str]] = {}
    for e in edges:
        moves.setdefault((_stroke(e.weight), e.bridge), []).append(
            f"M{_at(e.x1)} {_at(e.y1)}L{_at(e.x2)} {_at(e.y2)}"
        )
    dashed = ' class="network__bridge"'
    return [
        f'<path{dashed if bridge else ""} stroke-width="{width}" d="{"".join(path)}"/>'
        for (width, bridge), path in sorted(moves.items())
    ]


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
    parts += _ties(network.edges)
    parts.append('</g><g class="network__nodes">')
    radius = 8 if network.labelled else 6
    for node in network.nodes:
        name = escape(node.user.display_name)
        x, y = _at(node.x), _at(node.y)
        parts.append(
            f'<circle cx="{x}" cy="{y}" r="{radius}" class="network__node--{node.state}">'
            f"<title>{name}: {_plural(node.ties, 'classmate')}</title></circle>"
        )
        if network.labelled:
            label_y = _at(node.label_y)
            parts.append(f'<text x="{x}" y="{label_y}" text-anchor="middle">{name}</text>')
    parts.append("</g></svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every name above is escaped


def classmates_list(nodes) -> SafeString:
    """The drawing in words: each learner of ``nodes`` and the classmates they have
    interacted with."""
    items = [
        f"<li>{escape(node.user.display_name)}: "
        + (", ".join(escape(c.display_name) for c in node.classmates) or "nobody yet")
        + "</li>"
        for node in nodes
    ]
    return mark_safe("<ul>" + "".join(items) + "</ul>")  # noqa: S308 - names escaped
