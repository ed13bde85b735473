"""Showing message templates with their placeholders visibly marked."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from rapport.presence.placeholders import placeholder_parts

register = template.Library()


@register.filter
def mark_placeholders(text: str) -> str:
    """The whole template text, escaped, line breaks kept, each known placeholder in a
    ``<mark>`` chip so staff see which words will change per learner."""
    html = []
    for part, is_placeholder in placeholder_parts(text or ""):
        if is_placeholder:
            html.append(f'<mark class="placeholder">{escape(part)}</mark>')
        else:
            html.append(escape(part).replace("\n", "<br>"))
    return mark_safe("".join(html))
