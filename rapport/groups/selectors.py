"""Reads of the groups app: the course's group sets, a set's rounds as the teaching team
previews them, the groups a learner is in now, one group's space, and the hours a group
shares on a reader's own clock."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from rapport.courses.models import Membership
from rapport.courses.selectors import local_time_label
from rapport.groups.engine import describe_week, fixed_offset
from rapport.groups.models import Group, GroupMember, GroupSet, Round, SharedReflection
from rapport.groups.reach import in_published_group


def group_sets_for(*, course) -> list[GroupSet]:
    """The course's group sets, newest first, each with its rounds counted."""
    return list(
        GroupSet.objects.filter(course=course).annotate(
            published=Count("round_set", filter=Q(round_set__published_at__isnull=False)),
            planned=Count("round_set"),
        )
    )


def group_set_or_none(*, course, set_id: int) -> GroupSet | None:
    return GroupSet.objects.filter(course=course, pk=set_id).select_related("course").first()


def rounds_of(group_set: GroupSet) -> list[Round]:
    """Every round of the set, each with how many groups it has (``group_count``)."""
    return list(group_set.round_set.annotate(group_count=Count("groups")))


def round_groups(round_: Round) -> list[Group]:
    """The round's groups with their members (faces included): three queries. Each group
    comes with its course, which its address names."""
    members = GroupMember.objects.select_related("user").order_by("user__preferred_name", "pk")
    return list(
        Group.objects.filter(round=round_)
        .select_related("course")
        .prefetch_related(Prefetch("members", queryset=members))
        .order_by("number")
    )


def members_by_name(groups: list[Group]) -> list[GroupMember]:
    """Everyone in ``groups`` (from ``round_groups``), by name."""
    members = (member for group in groups for member in group.members.all())
    return sorted(members, key=lambda member: member.user.display_name.casefold())


def round_shown(rounds: list[Round], asked: int | None) -> Round | None:
    """The round a set's page shows: the one asked for (``?round=``), else the latest
    published — the groups learners are in now —, else the first."""
    by_number = {round_.number: round_ for round_ in rounds}
    if asked in by_number:
        return by_number[asked]
    published = [round_ for round_ in rounds if round_.published_at]
    return published[-1] if published else next(iter(rounds), None)


def hours_for(slots, zone, *, at: datetime | None = None) -> str:
    """The hours of the week (UTC) as runs on ``zone``'s clock this week: "Mon–Thu
    18:00–20:00, Sat 09:00–11:00"."""
    if not slots:
        return ""
    offset = (at or timezone.now()).astimezone(zone).utcoffset()
    return describe_week(slots, fixed_offset(int(offset.total_seconds() // 60)))


def current_groups_of(*, course, user_id: int) -> list[Group]:
    """The groups ``user_id`` is in now: in each group set, the latest published round."""
    memberships = (
        GroupMember.objects.filter(
            user_id=user_id, round__group_set__course=course, round__published_at__isnull=False
        )
        .select_related("group__round__group_set")
        .order_by("round__group_set_id", "-round__number")
    )
    latest: dict[int, Group] = {}
    for membership in memberships:
        latest.setdefault(membership.round.group_set_id, membership.group)
    return list(latest.values())


@dataclass(frozen=True)
class MyGroup:
    group: Group
    group_set: GroupSet
    mates: list  # the other members, as users
    hours: str  # shared hours on the reader's clock


def my_groups(*, course, user) -> list[MyGroup]:
    """The groups ``user`` is in now (the latest published round of each set)."""
    groups = current_groups_of(course=course, user_id=user.pk)
    members = GroupMember.objects.filter(group__in=groups).select_related("user")
    by_group: dict[int, list] = {}
    for member in members:
        by_group.setdefault(member.group_id, []).append(member.user)
    return [
        MyGroup(
            group=group,
            group_set=group.round.group_set,
            mates=sorted(
                (u for u in by_group.get(group.pk, []) if u.pk != user.pk),
                key=lambda u: u.display_name.casefold(),
            ),
            hours=hours_for(group.shared_hours, user.zone()),
        )
        for group in groups
    ]


def group_for(*, course, group_id: int, member) -> Group | None:
    """A published group, for its members and the course's staff; None for anyone else."""
    found = Group.objects.filter(
        course=course, pk=group_id, round__published_at__isnull=False
    ).select_related("round__group_set")
    if not member.is_staff:
        found = found.filter(in_published_group(member.user_id))
    return found.first()


def group_members(group: Group) -> list[Membership]:
    """The group's members as course memberships (for faces and role badges), by name."""
    user_ids = group.members.values("user_id")
    rows = Membership.objects.filter(course=group.course, user_id__in=user_ids).select_related(
        "user"
    )
    members = sorted(rows, key=lambda m: (m.user.display_name.casefold(), m.user_id))
    for member in members:
        member.local_time = local_time_label(member.user)
    return members


def group_spaces(group: Group) -> tuple:
    """The group's thread and wall (either may be missing for a group published before
    spaces existed)."""
    return group.topics.order_by("pk").first(), group.boards.order_by("pk").first()


def shared_reflections(group: Group) -> list[SharedReflection]:
    return list(
        SharedReflection.objects.filter(group=group).select_related(
            "answer__prompt", "answer__learner"
        )
    )


def reflections_to_share(*, group: Group, user) -> list:
    """``user``'s reflections in the group's course not shared with this group yet, newest
    first."""
    from rapport.community.models.checkins import ReflectionAnswer

    shared = SharedReflection.objects.filter(group=group).values("answer_id")
    return list(
        ReflectionAnswer.objects.filter(prompt__course=group.course, learner=user)
        .exclude(pk__in=shared)
        .select_related("prompt")
        .order_by("-created_at")[:10]
    )


@dataclass(frozen=True)
class SharingPlace:
    group: Group
    group_set: GroupSet
    mates: list  # the other members, as users
    shared_id: int | None  # the reflection's sharing with this group, if it is shared


def sharing_places(*, course, user, answer) -> list[SharingPlace]:
    """The groups ``user`` is in now, for sharing ``answer`` (one of their reflections) with
    them, each saying whether it is shared there already."""
    mine = my_groups(course=course, user=user)
    shared = dict(
        SharedReflection.objects.filter(
            answer=answer, group__in=[item.group for item in mine]
        ).values_list("group_id", "pk")
    )
    return [
        SharingPlace(
            group=item.group,
            group_set=item.group_set,
            mates=item.mates,
            shared_id=shared.get(item.group.pk),
        )
        for item in mine
    ]
