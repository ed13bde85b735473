"""The reaction chips a page draws: for each target, every emoji of the set with how many
chose it and whether the viewer did. One query for any number of targets."""

from dataclasses import dataclass

from django.db.models import Count, Q

from rapport.core.reactions.emoji import REACTION_EMOJI, REACTION_LABELS


@dataclass(frozen=True)
class ReactionChip:
    emoji: str
    label: str
    count: int
    mine: bool


def reaction_chips(*, model, target_ids: list[int], user) -> dict[int, list[ReactionChip]]:
    """``model`` is a concrete ``ReactionBase``; the answer has a list for every id asked."""
    target_id = model.target_field + "_id"
    rows = (
        model.objects.filter(**{target_id + "__in": target_ids})
        .values(target_id, "emoji")
        .annotate(count=Count("pk"), mine=Count("pk", filter=Q(user=user)))
    )
    counts = {(row[target_id], row["emoji"]): row for row in rows}
    return {
        pk: [
            ReactionChip(
                emoji=emoji,
                label=REACTION_LABELS[emoji],
                count=counts.get((pk, emoji), {}).get("count", 0),
                mine=bool(counts.get((pk, emoji), {}).get("mine", 0)),
            )
            for emoji in REACTION_EMOJI
        ]
        for pk in target_ids
    }
