"""Reads for shout-outs, and who may see which.

- A "whole class" shout-out: every active member of its course.
- A "just them and the teaching team" shout-out: its giver, its receivers and the course's
  staff — never another learner, not on the wall, not on "for me", not by its URL.

Every list costs the same number of queries however many shout-outs or members there are.
"""

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from rapport.community.models.shoutouts import (
    Shoutout,
    ShoutoutReceiver,
    ShoutoutTag,
    ShoutoutVisibility,
)
from rapport.courses.models import Course, Membership, MembershipStatus
from rapport.courses.selectors import staff_memberships

PER_PAGE = 20


def _visible(*, course: Course, user, is_staff: bool) -> QuerySet:
    shoutouts = Shoutout.objects.filter(course=course)
    if not is_staff:
        for_them = ShoutoutReceiver.objects.filter(shoutout=OuterRef("pk"), user=user)
        shoutouts = shoutouts.filter(
            Q(visibility=ShoutoutVisibility.CLASS) | Q(giver=user) | Exists(for_them)
        )
    return shoutouts


def _with_people(shoutouts: QuerySet) -> QuerySet:
    return shoutouts.select_related("giver", "tag", "course").prefetch_related(
        Prefetch("receipts", queryset=ShoutoutReceiver.objects.select_related("user"))
    )


def decorate(shoutouts: list[Shoutout], *, course: Course, user) -> list[Shoutout]:
    """Each shout-out's giver and receivers as things ``{% face %}`` draws (a membership
    for staff), and whether it is for the viewer. One query for any number."""
    staff = staff_memberships(course=course)
    for shoutout in shoutouts:
        shoutout.giver_face = staff.get(shoutout.giver_id, shoutout.giver)
        receivers = [receipt.user for receipt in shoutout.receipts.all()]
        shoutout.receiver_faces = [staff.get(person.pk, person) for person in receivers]
        shoutout.is_for_viewer = any(person.pk == user.pk for person in receivers)
    return shoutouts


def _page(shoutouts: QuerySet, page_number, *, course: Course, user) -> Page:
    page = Paginator(shoutouts.order_by("-created_at", "-pk"), PER_PAGE).get_page(page_number)
    page.object_list = decorate(list(page.object_list), course=course, user=user)
    return page


def wall_page(*, course: Course, user, is_staff: bool, page_number=1) -> Page:
    shoutouts = _with_people(_visible(course=course, user=user, is_staff=is_staff))
    return _page(shoutouts, page_number, course=course, user=user)


def _for_me(*, course: Course, user) -> QuerySet:
    mine = ShoutoutReceiver.objects.filter(shoutout=OuterRef("pk"), user=user)
    return _with_people(Shoutout.objects.filter(course=course).filter(Exists(mine)))


def for_me_page(*, course: Course, user, page_number=1) -> Page:
    return _page(_for_me(course=course, user=user), page_number, course=course, user=user)


def latest_for_me(*, course: Course, user, count: int) -> list[Shoutout]:
    """The newest ``count`` shout-outs for ``user``, ready to draw (a home's few, without
    a page's count and its other rows)."""
    newest = _for_me(course=course, user=user).order_by("-created_at", "-pk")[:count]
    return decorate(list(newest), course=course, user=user)


def shoutout_for(*, course: Course, user, is_staff: bool, shoutout_id: int) -> Shoutout | None:
    shoutout = (
        _with_people(_visible(course=course, user=user, is_staff=is_staff))
        .filter(pk=shoutout_id)
        .first()
    )
    if shoutout is not None:
        decorate([shoutout], course=course, user=user)
    return shoutout


def tags(*, course: Course, include_retired: bool = False) -> list[ShoutoutTag]:
    """The course's tags, offered ones first (``services.shoutout_tags_ensure`` makes the
    defaults on first use)."""
    rows = ShoutoutTag.objects.filter(course=course)
    if not include_retired:
        rows = rows.filter(retired_at__isnull=True)
    return list(rows.order_by("retired_at", "position", "pk"))


def tag_for(*, course: Course, tag_id: int) -> ShoutoutTag | None:
    return ShoutoutTag.objects.filter(course=course, pk=tag_id).select_related("course").first()


def pickable_members(*, course: Course, user) -> list[Membership]:
    """Everyone ``user`` may shout out: the course's other active members, learners first,
    then the teaching team, each by name."""
    rows = (
        Membership.objects.filter(course=course, status=MembershipStatus.ACTIVE)
        .exclude(user=user)
        .select_related("user")
    )
    return sorted(rows, key=lambda m: (m.is_staff, m.user.display_name.casefold()))
