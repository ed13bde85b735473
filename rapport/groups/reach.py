"""Who may open what a peer group owns (its thread, its wall): the group's members, once
their round is published, and the course's staff. One rule for every app that gives a
group something of its own; they filter their rows with it in SQL."""

from django.db.models import Q


def no_group_or_own(user_id: int, *, via: str = "") -> Q:
    """Rows (reached through ``via``, e.g. ``"topic__"``) that belong to no group, or to a
    published group ``user_id`` is in. Staff need no filter: callers skip it for them."""
    return Q(**{f"{via}group__isnull": True}) | Q(
        **{
            f"{via}group__members__user_id": user_id,
            f"{via}group__round__published_at__isnull": False,
        }
    )


def in_published_group(user_id: int, *, via: str = "") -> Q:
    """Groups (reached through ``via``) that are published and ``user_id`` is in."""
    return Q(**{f"{via}members__user_id": user_id, f"{via}round__published_at__isnull": False})


def members_of(group_id: int):
    """The user ids of a published group's members (a subquery), for a group's own thread
    naming only its members."""
    from rapport.groups.models import GroupMember

    return GroupMember.objects.filter(
        group_id=group_id, group__round__published_at__isnull=False
    ).values("user_id")
