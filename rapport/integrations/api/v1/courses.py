"""Courses and their people, for every member the token reaches."""

from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from rapport.accounts.visibility import profile_visibility
from rapport.community.shoutouts.selectors import tags as shoutout_tags
from rapport.core.audit import staff_read_record
from rapport.core.kinds import SensitiveReadKind
from rapport.courses.models import Membership
from rapport.courses.selectors import active_memberships, members_for_management
from rapport.integrations.api.selectors import token_memberships
from rapport.integrations.api.v1.common import CourseSlug, Pages, member_or_404, responses
from rapport.integrations.api.v1.schemas import CourseDetailOut, CourseOut, MemberOut

router = Router(tags=["courses"])


def _course(membership: Membership) -> dict:
    course = membership.course
    return {
        "slug": course.slug,
        "title": course.title,
        "term": course.term,
        "timezone": course.timezone,
        "starts_on": course.starts_on,
        "ends_on": course.ends_on,
        "archived": course.archived_at is not None,
        "your_role": membership.role,
        "description": course.description,
    }


@router.get("/courses", response=responses(200, list[CourseOut]), operation_id="courses_list")
@paginate(Pages)
def courses_list(request: HttpRequest):
    """The courses this token reaches where you are an active member."""
    return [_course(membership) for membership in token_memberships(token=request.auth)]


@router.get(
    "/courses/{slug}", response=responses(200, CourseDetailOut), operation_id="course_detail"
)
def course_detail(request: HttpRequest, slug: str = CourseSlug):
    """One course, with the shout-out tags it offers."""
    membership = member_or_404(request, slug)
    return _course(membership) | {"shoutout_tags": shoutout_tags(course=membership.course)}


def _member(member: Membership, *, viewer: Membership) -> dict:
    person = member.user
    seen = profile_visibility(
        viewer=viewer.user,
        person=person,
        course=viewer.course,
        viewer_is_staff=viewer.is_staff,
        person_is_staff=member.is_staff,
    )
    staff_view = viewer.is_staff
    return {
        "id": person.pk,
        "name": person.display_name,
        "role": member.role,
        "pronouns": person.pronouns if seen.pronouns else None,
        "pronunciation": person.pronunciation_text if seen.pronunciation else None,
        "about": person.about if seen.about else None,
        "timezone": None if person.timezone_unknown or not seen.local_time else person.timezone,
        "email": person.email if staff_view else None,
        "status": member.status if staff_view else None,
        "joined_at": member.joined_at if staff_view else None,
    }


@router.get(
    "/courses/{slug}/members",
    response=responses(200, list[MemberOut]),
    operation_id="course_members",
)
@paginate(Pages)
def course_members(request: HttpRequest, slug: str = CourseSlug):
    """The course's people, teaching team first. Learners see active members as each
    chose to be seen by classmates; the teaching team sees everyone, former members
    included, with their email, status and when they joined."""
    viewer = member_or_404(request, slug)
    if viewer.is_staff:
        members = members_for_management(course=viewer.course)
        people = members.active + members.former
        staff_read_record(
            request,
            membership=viewer,
            kind=SensitiveReadKind.API_MEMBERS,
            learners=[member.user_id for member in people],
        )
    else:
        people = active_memberships(course=viewer.course)
    return [_member(member, viewer=viewer) for member in people]
