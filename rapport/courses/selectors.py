"""Reads for courses. Every list here is one query however large the course is: people come
with their user row (select_related) and everything else is worked out in Python."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Q, Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.urls import reverse

from rapport.courses.models import (
    STAFF_ROLES,
    Course,
    Invitation,
    Membership,
    MembershipStatus,
    Role,
    normalize_join_code,
)

_ROLE_ORDER = {Role.INSTRUCTOR: 0, Role.TA: 1, Role.LEARNER: 2}


def courses_for_switcher(*, user) -> list[Membership]:
    return list(
        Membership.objects.filter(user=user, status=MembershipStatus.ACTIVE)
        .select_related("course")
        .order_by("course__archived_at", "course__title")
    )


def _people_order(membership: Membership) -> tuple:
    return (_ROLE_ORDER.get(membership.role, 9), membership.user.display_name.casefold())


@dataclass
class Dashboard:
    teaching: list[Membership] = field(default_factory=list)
    learning: list[Membership] = field(default_factory=list)
    archived: list[Membership] = field(default_factory=list)
    invitations: list[Invitation] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.teaching or self.learning or self.archived or self.invitations)


def dashboard_for(*, user) -> Dashboard:
    dashboard = Dashboard(invitations=pending_invitations_for_user(user=user))
    for membership in courses_for_switcher(user=user):
        if membership.course.archived_at:
            dashboard.archived.append(membership)
        elif membership.is_staff:
            dashboard.teaching.append(membership)
        else:
            dashboard.learning.append(membership)
    return dashboard


def landing_course(*, user) -> Course | None:
    """Where signing in takes someone: a learner (in no course as staff, with no invitation
    waiting) lands on their course's home — the one they visited last when they have
    several. Anyone else, or someone in no course, gets the course list (None)."""
    dashboard = dashboard_for(user=user)
    if dashboard.teaching or dashboard.invitations or not dashboard.learning:
        return None
    latest = max(
        dashboard.learning,
        key=lambda m: (m.last_visited_at is not None, m.last_visited_at or m.joined_at),
    )
    return latest.course


def pending_invitations_for_user(*, user) -> list[Invitation]:
    if not user.email:
        return []
    return list(
        Invitation.objects.filter(
            email__iexact=user.email,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            course__archived_at__isnull=True,
        )
        .exclude(
            Exists(
                Membership.objects.filter(
                    course=OuterRef("course"), user=user, status=MembershipStatus.ACTIVE
                )
            )
        )
        .select_related("course", "invited_by")
    )


def course_for_join_code(code: str) -> Course | None:
    code = normalize_join_code(code)
    if not code:
        return None
    return Course.objects.filter(join_code=code).first()


def join_by_code_problem(*, course: Course, membership: Membership | None) -> str | None:
    """Why this person cannot join ``course`` by its code now, or None if they can (or are
    already in it)."""
    if membership is not None and membership.is_active:
        return None
    problem = course.join_code_problem()
    if problem:
        return problem
    if membership is not None and membership.status in (
        MembershipStatus.REMOVED,
        MembershipStatus.ARCHIVED,
    ):
        return (
            "You can't rejoin this course with the join link. "
            "Ask your instructor to invite you back."
        )
    return None


def is_only_instructor(membership: Membership) -> bool:
    if not (membership.is_instructor and membership.is_active):
        return False
    return not (
        Membership.objects.filter(
            course_id=membership.course_id,
            role=Role.INSTRUCTOR,
            status=MembershipStatus.ACTIVE,
        )
        .exclude(pk=membership.pk)
        .exists()
    )


def invitation_by_token(token: str) -> Invitation | None:
    return Invitation.objects.select_related("course", "invited_by").filter(token=token).first()


def membership_of(*, course: Course, user) -> Membership | None:
    """The person's membership row in the course, whatever its status."""
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(course=course, user=user).first()


def active_memberships(*, course: Course) -> list[Membership]:
    """Everyone active in the course, staff first, then by name."""
    memberships = Membership.objects.filter(
        course=course, status=MembershipStatus.ACTIVE
    ).select_related("user")
    return sorted(memberships, key=_people_order)


@dataclass
class Classmates:
    staff: list[Membership]
    shown: list[Membership]  # the first few other learners, by name
    count: int  # all the other learners


def _name_in_lower_case():
    """The name a membership's person goes by, lower case, for ordering in SQL."""
    return Lower(
        Coalesce(
            NullIf("user__preferred_name", Value("")),
            NullIf("user__full_name", Value("")),
            "user__email",
        )
    )


def classmates_preview(*, course: Course, user, shown: int) -> Classmates:
    """The teaching team, the first ``shown`` of the other active learners by name, and how
    many there are: three small queries, whatever the size of the class."""
    active = Membership.objects.filter(course=course, status=MembershipStatus.ACTIVE)
    learners = active.filter(role=Role.LEARNER).exclude(user=user)
    return Classmates(
        staff=sorted(active.filter(role__in=STAFF_ROLES).select_related("user"), key=_people_order),
        shown=list(learners.select_related("user").order_by(_name_in_lower_case(), "pk")[:shown]),
        count=learners.count(),
    )


def active_learners_by_name(*, course: Course, words: str = ""):
    """The course's active learners by name — a queryset, so a page of it is one query —
    those whose preferred or full name holds every one of ``words`` (emails are not
    searched: classmates see names)."""
    learners = Membership.objects.filter(
        course=course, status=MembershipStatus.ACTIVE, role=Role.LEARNER
    ).select_related("user")
    for word in words.split():
        learners = learners.filter(
            Q(user__preferred_name__icontains=word) | Q(user__full_name__icontains=word)
        )
    return learners.order_by(_name_in_lower_case(), "pk")


def staff_memberships(*, course: Course, include_former: bool = False) -> dict[int, Membership]:
    """The course's teaching team by user id, so a face or role badge drawn for an author
    follows the rules for staff. ``include_former`` keeps those no longer active, for
    pages whose replies should still read as the teacher's (reflections)."""
    rows = Membership.objects.filter(course=course, role__in=STAFF_ROLES)
    if not include_former:
        rows = rows.filter(status=MembershipStatus.ACTIVE)
    return {membership.user_id: membership for membership in rows.select_related("user")}


def teaching_team(*, course: Course) -> list[Membership]:
    """The course's active staff, instructors first, then by name."""
    return sorted(staff_memberships(course=course).values(), key=_people_order)


@dataclass
class Members:
    active: list[Membership]
    former: list[Membership]
    invitations: list[Invitation]
    instructor_count: int

    @property
    def learners(self) -> list[Membership]:
        return [m for m in self.active if m.role == Role.LEARNER]

    @property
    def staff(self) -> list[Membership]:
        return [m for m in self.active if m.is_staff]


def members_for_management(*, course: Course) -> Members:
    rows = Membership.objects.filter(course=course).select_related("user")
    active, former = [], []
    for membership in sorted(rows, key=_people_order):
        (active if membership.is_active else former).append(membership)
    return Members(
        active=active,
        former=former,
        invitations=pending_invitations(course=course),
        instructor_count=sum(1 for m in active if m.role == Role.INSTRUCTOR),
    )


@dataclass(frozen=True)
class MemberCounts:
    """How many people each tab of the roster holds, without loading them."""

    learners: int = 0
    staff: int = 0
    instructors: int = 0
    former: int = 0
    invitations: int = 0


def member_counts(*, course: Course) -> MemberCounts:
    """The roster's counts in two aggregate queries, whatever the size of the course."""
    learners = staff = instructors = former = 0
    rows = (
        Membership.objects.filter(course=course)
        .values_list("status", "role")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for status, role, n in rows:
        if status != MembershipStatus.ACTIVE:
            former += n
        elif role == Role.LEARNER:
            learners += n
        else:
            staff += n
            instructors += n if role == Role.INSTRUCTOR else 0
    invitations = Invitation.objects.filter(
        course=course, accepted_at__isnull=True, revoked_at__isnull=True
    ).count()
    return MemberCounts(learners, staff, instructors, former, invitations)


def pending_invitations(*, course: Course) -> list[Invitation]:
    return list(
        Invitation.objects.filter(
            course=course, accepted_at__isnull=True, revoked_at__isnull=True
        ).select_related("invited_by")
    )


def person_in_course(*, course: Course, user_id: int) -> Membership | None:
    return (
        Membership.objects.filter(course=course, user_id=user_id, status=MembershipStatus.ACTIVE)
        .select_related("user")
        .first()
    )


NO_ZONE_CHOSEN = "time zone not chosen yet"


def local_time_label(person, at: datetime | None = None) -> str:
    """ "3:42 pm in Lagos" — worked out here because the date filter would convert the
    time into the viewer's own zone. Someone who never chose a zone is in UTC only by
    default, so their "local time" would be a guess: the label says so instead."""
    if person.timezone_unknown:
        return NO_ZONE_CHOSEN
    local = person.local_now(at)
    clock = f"{local.hour % 12 or 12}:{local.minute:02d} {'am' if local.hour < 12 else 'pm'}"
    if "/" in person.timezone:
        return f"{clock} in {person.timezone.rsplit('/', 1)[-1].replace('_', ' ')}"
    return f"{clock} ({person.timezone})"


def join_url(request, course: Course) -> str:
    """The course's join link in full, as the person will share it."""
    return request.build_absolute_uri(reverse("courses:join_link", args=[course.join_code]))
