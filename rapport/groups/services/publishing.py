"""Publishing a round: its groups become visible to their members, each group gets its own
thread and wall, and every member hears who their new partners are. The teaching team
publishes the first round; the rotation task publishes each later one when it starts
(forming the rounds again first if the class changed since they were planned)."""

from django.db import transaction
from django.utils import timezone

from rapport.core.kinds import NotificationKind
from rapport.core.notifications import notify
from rapport.core.refusals import Refused
from rapport.courses.models import STAFF_ROLES, Membership, MembershipStatus, Role
from rapport.groups.models import Formation, GroupMember, Round
from rapport.groups.services.formation import group_set_form


def _publisher(round_: Round, member) -> Membership | None:
    """Who the group spaces are made by: the person publishing, else whoever made the set,
    else any of the course's instructors."""
    if member is not None:
        return member
    staff = Membership.objects.filter(
        course=round_.group_set.course, role__in=STAFF_ROLES, status=MembershipStatus.ACTIVE
    ).select_related("user", "course")
    made_by = round_.group_set.created_by_id
    return next((m for m in staff if m.user_id == made_by), None) or staff.first()


@transaction.atomic
def round_publish(*, round_: Round, member=None) -> Round:
    from rapport.community.discussions.services import group_topic_create
    from rapport.walls.services import group_board_create

    if member is not None and not member.is_staff:
        raise Refused("Only the teaching team publishes groups.", code="forbidden")
    round_ = Round.objects.select_for_update().select_related("group_set__course").get(pk=round_.pk)
    if round_.published_at is not None:
        return round_
    group_set = round_.group_set
    earlier = group_set.round_set.filter(number__lt=round_.number, published_at__isnull=True)
    if earlier.exists():
        raise Refused("Publish the rounds before this one first.", code="order")
    if group_set.status != Formation.READY:
        raise Refused("The groups are still being formed; publish them once they are ready.")
    publisher = _publisher(round_, member)
    round_.published_at = timezone.now()
    round_.save(update_fields=["published_at"])
    groups = list(round_.groups.prefetch_related("members__user"))
    for group in groups:
        people = [m.user for m in group.members.all()]
        names = ", ".join(person.display_name for person in people)
        title = f"{group_set.title}: group {group.number}"
        if publisher is not None:
            group_topic_create(
                group=group,
                author=publisher.user,
                title=title,
                body=f"Welcome, {names}! This is your group's own space: say hello, and "
                "find a time that suits you all.",
            )
            group_board_create(group=group, member=publisher, title=title)
        for person in people:
            others = ", ".join(p.display_name for p in people if p != person) or "—"
            notify(
                recipient=person,
                kind=NotificationKind.GROUP_FORMED,
                title=f"{group_set.title}: you're with {others}",
                body=group_set.purpose,
                url=group.get_absolute_url(),
                course=group_set.course,
            )
    return round_


def _class_changed(round_: Round) -> bool:
    planned = set(GroupMember.objects.filter(round=round_).values_list("user_id", flat=True))
    present = set(
        Membership.objects.filter(
            course=round_.group_set.course, role=Role.LEARNER, status=MembershipStatus.ACTIVE
        ).values_list("user_id", flat=True)
    )
    return planned != present


def rounds_publish_due(now=None) -> int:
    """Publish each round that has started, of group sets whose first round is published;
    how many were published."""
    now = now or timezone.now()
    due = (
        Round.objects.filter(
            published_at__isnull=True,
            starts_at__lte=now,
            group_set__status=Formation.READY,
            group_set__round_set__published_at__isnull=False,
        )
        .select_related("group_set__course")
        .order_by("group_set_id", "number")
        .distinct()
    )
    published = 0
    done_sets = set()
    for round_ in due:
        group_set = round_.group_set
        if group_set.pk in done_sets:
            continue  # one round a set a pass: the next waits for its own start
        done_sets.add(group_set.pk)
        if _class_changed(round_):
            group_set = group_set_form(group_set=group_set)
            round_ = (
                group_set.round_set.filter(published_at__isnull=True).order_by("number").first()
            )
            if round_ is None or group_set.status != Formation.READY:
                continue
        round_publish(round_=round_)
        published += 1
    return published
