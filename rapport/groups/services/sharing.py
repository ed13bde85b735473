"""A learner shares one of their reflections with their group (a reflection is otherwise
for the teaching team alone), and may take it back."""

from django.db import transaction

from rapport.community.models.checkins import ReflectionAnswer
from rapport.core import touchpoints
from rapport.core.enums import Channel
from rapport.core.kinds import TouchpointKind
from rapport.core.refusals import Refused
from rapport.groups.models import Group, GroupMember, SharedReflection


def _in_group(group: Group, user_id: int) -> bool:
    return GroupMember.objects.filter(group=group, user_id=user_id).exists()


@transaction.atomic
def reflection_share(*, group: Group, member, answer_id) -> SharedReflection:
    if not _in_group(group, member.user_id):
        raise Refused("Only the group's members share reflections with it.", code="forbidden")
    answer = ReflectionAnswer.objects.filter(
        pk=answer_id, learner_id=member.user_id, prompt__course=group.course
    ).first()
    if answer is None:
        raise Refused("Choose one of your own reflections.", field="answer")
    shared, made = SharedReflection.objects.get_or_create(group=group, answer=answer)
    if made:
        touchpoints.record(
            course=group.course,
            kind=TouchpointKind.REFLECTION_SHARED,
            actor=member.user,
            channel=Channel.IN_APP,
            target=shared,
        )
    return shared


@transaction.atomic
def reflection_unshare(*, group: Group, member, shared_id) -> None:
    shared = SharedReflection.objects.filter(
        group=group, pk=shared_id, answer__learner_id=member.user_id
    ).first()
    if shared is None:
        raise Refused("That reflection isn't shared here by you.", code="gone")
    shared.delete()
