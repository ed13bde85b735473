"""Reads for accounts and profiles."""

from django.db.models import F

from rapport.accounts.models import User
from rapport.accounts.visibility import ProfileVisibility, profile_visibility
from rapport.core.enums import STAFF_ROLES, MembershipStatus

NOTHING = ProfileVisibility(False, False, False, False, False)


def person_as_seen_by(*, viewer: User, person_id: int) -> tuple[User | None, ProfileVisibility]:
    """The person with ``person_id`` and what ``viewer`` may see of them anywhere: the
    viewer themself sees everything; anyone else sees what at least one course they both
    actively belong to allows. ``(None, NOTHING)`` when they share no course — callers
    answer 404 so that who exists stays private.

    One query: the person's active memberships in courses where the viewer is active too,
    each with the viewer's role there, the course and the person's row.
    """
    if viewer.pk == person_id:
        return viewer, ProfileVisibility.everything()
    # Memberships are reached through the user's reverse relation: accounts sits below
    # courses and never imports it.
    memberships = viewer.memberships.model.objects
    shared = list(
        memberships.filter(
            user_id=person_id,
            user__is_active=True,
            status=MembershipStatus.ACTIVE,
            course__memberships__user=viewer,
            course__memberships__status=MembershipStatus.ACTIVE,
        )
        .annotate(viewer_role=F("course__memberships__role"))
        .select_related("user", "course")
    )
    if not shared:
        return None, NOTHING
    person = shared[0].user
    seen = [
        profile_visibility(
            viewer=viewer,
            person=person,
            course=membership.course,
            viewer_is_staff=membership.viewer_role in STAFF_ROLES,
            person_is_staff=membership.role in STAFF_ROLES,
        )
        for membership in shared
    ]
    return person, ProfileVisibility(
        photo=any(s.photo for s in seen),
        pronouns=any(s.pronouns for s in seen),
        about=any(s.about for s in seen),
        pronunciation=any(s.pronunciation for s in seen),
        local_time=any(s.local_time for s in seen),
    )
