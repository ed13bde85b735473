"""``{% media_player_state media as player %}``: what ``media/_player.html`` shows — its
caption tracks and its captions panel — so the partial works when included in any page
that has ``media`` and ``request`` in its context. ``{% media_captions_panel media %}``
shows the panel alone (status and captions link for the recording's managers, transcript
for everyone who sees it). Pages listing many recordings prefetch
``selectors.media_caption_prefetches`` so that every panel costs no query."""

from dataclasses import dataclass

from django import template

from rapport.media import selectors, vtt

register = template.Library()


@dataclass(frozen=True)
class PlayerState:
    is_owner: bool
    panel: selectors.CaptionsPanel | None

    @property
    def captions(self) -> list:
        return self.panel.captions if self.panel else []


def _panel(context, media) -> selectors.CaptionsPanel | None:
    if not media.is_ready:
        return None
    request = context.get("request")
    return selectors.captions_panel_for(
        media=media,
        user=getattr(request, "user", None),
        membership=getattr(request, "membership", None),
    )


@register.simple_tag(takes_context=True)
def media_player_state(context, media) -> PlayerState:
    request = context.get("request")
    user = getattr(request, "user", None)
    return PlayerState(
        is_owner=user is not None and media.owner_id == user.pk,
        panel=_panel(context, media),
    )


@register.inclusion_tag("media/_captions_panel.html", takes_context=True)
def media_captions_panel(context, media) -> dict:
    return {"media": media, "panel": _panel(context, media), "request": context.get("request")}


@register.filter
def media_clock(seconds) -> str:
    """``65.2`` -> ``1:05``."""
    return vtt.clock(float(seconds or 0))
