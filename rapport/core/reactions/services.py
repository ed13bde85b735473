"""Reacting: adding an emoji to something, or taking it back.

The feature checks who may react to what (membership, seeing the target) before calling
in; this checks what holds for every feature — the emoji is one of the set and the target
belongs to the course the person acts in — and keeps the ledger."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from rapport.core import touchpoints
from rapport.core.enums import Channel
from rapport.core.kinds import TouchpointKind
from rapport.core.models import Touchpoint
from rapport.core.reactions.emoji import REACTION_EMOJI
from rapport.core.reactions.selectors import ReactionChip, reaction_chips
from rapport.core.refusals import Refused


@dataclass(frozen=True)
class ReactionToggled:
    added: bool
    chips: list[ReactionChip]


@transaction.atomic
def reaction_toggle(
    *,
    model,
    target,
    user,
    emoji: str,
    course,
    touchpoint_kind: TouchpointKind | None = None,
    at: datetime | None = None,
) -> ReactionToggled:
    """Add ``user``'s ``emoji`` to ``target`` (a row of ``model``'s target), or take it back
    if it is there; answer whether it was added and the target's chips as they now stand.

    With a ``touchpoint_kind`` the ledger hears of a person's first reaction to someone
    else's target, once: taking it back, reacting again or adding another emoji is not a
    new relational moment. ``target.author`` is the one reacted to."""
    if emoji not in REACTION_EMOJI:
        raise Refused("Choose one of the reactions shown.", field="emoji")
    belongs = type(target).objects.filter(pk=target.pk, **{model.course_path: course})
    if not belongs.exists():
        raise Refused("That isn't in this course.")
    mine = {model.target_field: target, "user": user, "emoji": emoji}
    removed, _ = model.objects.filter(**mine).delete()
    added = False
    if not removed:
        at = at or timezone.now()
        _, added = model.objects.get_or_create(**mine, defaults={"created_at": at})
        if added and touchpoint_kind and user.pk != target.author_id:
            _record_first_reaction(
                target=target, user=user, course=course, kind=touchpoint_kind, at=at
            )
    chips = reaction_chips(model=model, target_ids=[target.pk], user=user)[target.pk]
    return ReactionToggled(added=added, chips=chips)


def _record_first_reaction(*, target, user, course, kind: TouchpointKind, at: datetime) -> None:
    reacted_before = Touchpoint.objects.filter(
        course=course,
        kind=kind,
        actor=user,
        object_type=ContentType.objects.get_for_model(target),
        object_id=str(target.pk),
    ).exists()
    if not reacted_before:
        touchpoints.record(
            course=course,
            kind=kind,
            actor=user,
            subject=target.author,
            channel=Channel.IN_APP,
            target=target,
            occurred_at=at,
        )
