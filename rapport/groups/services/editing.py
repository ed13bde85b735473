"""The teaching team's hand on a planned round: move a learner to another group, lock a
group so that forming again keeps it. Published rounds stay as their members know them."""

from django.db import transaction

from rapport.core.refusals import Refused
from rapport.groups.models import Group, GroupMember, Round
from rapport.groups.services.formation import round_score


def _editable(round_: Round, member) -> None:
    if not member.is_staff:
        raise Refused("Only the teaching team changes groups.", code="forbidden")
    if round_.published_at is not None:
        raise Refused("This round is published: its members already know their groups.")


@transaction.atomic
def member_move(*, round_: Round, member, user_id: int, to_group_id: int) -> Round:
    """Move ``user_id`` into another group of the round; the round is scored again."""
    round_ = Round.objects.select_for_update().select_related("group_set__course").get(pk=round_.pk)
    _editable(round_, member)
    placed = GroupMember.objects.filter(round=round_, user_id=user_id).first()
    target = Group.objects.filter(round=round_, pk=to_group_id).first()
    if placed is None or target is None:
        raise Refused("That learner or group is not in this round.", code="gone")
    if placed.group_id == target.pk:
        return round_
    if GroupMember.objects.filter(group_id=placed.group_id).count() <= 2:
        raise Refused(
            "That would leave someone on their own: move another learner into their group "
            "first, or move them too."
        )
    groups = _groups(round_)
    groups[placed.group_id].remove(user_id)
    groups[target.pk].append(user_id)
    round_score(round_, [sorted(ids) for ids in groups.values()])
    return round_


@transaction.atomic
def group_lock(*, group: Group, member, locked: bool) -> Group:
    _editable(group.round, member)
    group.locked = locked
    group.save(update_fields=["locked"])
    return group


def _groups(round_: Round) -> dict[int, list[int]]:
    groups: dict[int, list[int]] = {
        pk: []
        for pk in Group.objects.filter(round=round_).order_by("number").values_list("pk", flat=True)
    }
    for group_id, user_id in GroupMember.objects.filter(round=round_).values_list(
        "group_id", "user_id"
    ):
        groups[group_id].append(user_id)
    return groups
