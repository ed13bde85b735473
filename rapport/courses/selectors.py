from rapport.courses.models import Membership, MembershipStatus


def courses_for_switcher(*, user) -> list[Membership]:
    return list(
        Membership.objects.filter(user=user, status=MembershipStatus.ACTIVE)
        .select_related("course")
        .order_by("course__archived_at", "course__title")
    )
