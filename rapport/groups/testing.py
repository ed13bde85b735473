"""Groups for tests: a published round with one group of the given people, made directly
(the engine and the formation task have tests of their own)."""

from django.utils import timezone

from rapport.courses.models import Membership, Role
from rapport.factories import MembershipFactory, UserFactory
from rapport.groups.models import Formation, Group, GroupMember, GroupSet, Round


def learner_make(cast, name: str):
    """One more learner of the cast's course."""
    user = UserFactory(email=f"{name}@example.test", preferred_name=name.title())
    MembershipFactory(course=cast.course, user=user, role=Role.LEARNER)
    return user


def group_make(cast, users=None, *, published: bool = True, title: str = "Weekly partners"):
    """A group set of one round holding one group of ``users`` (the cast's two learners by
    default), published unless asked otherwise."""
    users = users or [cast.learner, cast.other_learner]
    now = timezone.now()
    group_set = GroupSet.objects.create(
        course=cast.course,
        title=title,
        group_size=len(users),
        status=Formation.READY,
        created_by=cast.instructor,
        formed_at=now,
    )
    round_ = Round.objects.create(
        group_set=group_set, number=1, starts_at=now, published_at=now if published else None
    )
    group = Group.objects.create(round=round_, course=cast.course, number=1)
    GroupMember.objects.bulk_create(
        GroupMember(group=group, round=round_, user=user) for user in users
    )
    return group


def member(cast, role: str) -> Membership:
    return Membership.objects.select_related("user", "course").get(
        course=cast.course, user=getattr(cast, role)
    )
