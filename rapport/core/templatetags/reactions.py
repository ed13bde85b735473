"""``{% reaction_bar %}``: the reaction bar under anything people react to, drawn in Python
(core/_reactions.html calls it). A page of twenty posts draws twenty bars of nine emoji
each, twice (chips and picker): as template nodes that was a fifth of the topic page."""

from django import template
from django.middleware.csrf import get_token
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.simple_tag(takes_context=True)
def reaction_bar(context, chips, react_url, target_id, anchor, label="", next="", error=""):
    """The emoji people chose, then a small picker with all of them, each named in words
    too (screen readers, and systems without an emoji font). Each button toggles one —
    swapped in place by htmx, and a plain post (then back here) without it."""
    request = context["request"]
    back = next or f"{request.get_full_path()}#{anchor}-{target_id}"
    chosen = format_html_join(
        "",
        '<button type="submit" name="emoji" value="{}" class="reaction{}" aria-pressed="{}" '
        'title="{}"><span aria-hidden="true">{}</span><span class="visually-hidden">{}: {}'
        '</span><span class="reaction__count" aria-hidden="true">{}</span></button>',
        (
            (c.emoji, _mine(c), _pressed(c), c.label, c.emoji, c.label, c.count, c.count)
            for c in chips
            if c.count
        ),
    )
    choices = format_html_join(
        "",
        '<button type="submit" name="emoji" value="{}" class="reaction{}" aria-pressed="{}" '
        'title="{}"><span aria-hidden="true">{}</span><span class="reaction__label">{}</span>'
        "</button>",
        ((c.emoji, _mine(c), _pressed(c), c.label, c.emoji, c.label) for c in chips),
    )
    alert = format_html('<p class="errorlist" role="alert">{}</p>', error) if error else ""
    return format_html(
        '<form class="reactions" id="reactions-{id}" method="post" action="{url}" '
        'hx-post="{url}" hx-target="this" hx-swap="outerHTML" role="group" aria-label="{label}">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">'
        '<input type="hidden" name="next" value="{back}">{chosen}'
        '<details class="react-picker"><summary class="reaction" title="Add a reaction">'
        '<span aria-hidden="true">☺+</span><span class="visually-hidden">Add a reaction</span>'
        '</summary><div class="react-picker__choices">{choices}</div></details>{alert}</form>',
        id=target_id,
        url=react_url,
        label=label or "Reactions",
        csrf=get_token(request),
        back=back,
        chosen=chosen,
        choices=choices,
        alert=alert,
    )


def _mine(chip) -> str:
    return " reaction--mine" if chip.mine else ""


def _pressed(chip) -> str:
    return "true" if chip.mine else "false"
