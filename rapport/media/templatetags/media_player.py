"""``{% media_player_state media as player %}``: what ``media/_player.html`` shows —
captions, transcripts and whether the viewer may edit captions — so the partial works when
included in any page that has ``media`` and ``request`` in its context."""

from dataclasses import dataclass

from django import template

from rapport.media import selectors, vtt

register = template.Library()


@dataclass(frozen=True)
class PlayerState:
    is_owner: bool
    can_manage: bool
    captions: list
    transcripts: list


@register.simple_tag(takes_context=True)
def media_player_state(context, media) -> PlayerState:
    request = context.get("request")
    user = getattr(request, "user", None)
    membership = getattr(request, "membership", None)
    is_owner = user is not None and media.owner_id == user.pk
    can_manage = bool(
        membership is not None
        and selectors.media_can_manage(media=media, user=user, membership=membership)
    )
    captions = selectors.captions_for(media) if media.is_ready else []
    return PlayerState(
        is_owner=is_owner,
        can_manage=can_manage,
        captions=captions,
        transcripts=selectors.transcripts_for(captions),
    )


@register.filter
def media_clock(seconds) -> str:
    """``65.2`` -> ``1:05``."""
    return vtt.clock(float(seconds or 0))
