import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from rapport.courses.access import INSTRUCTOR, STAFF, course_access
from rapport.courses.models import Membership, MembershipStatus

pytestmark = pytest.mark.django_db


@course_access()
def member_view(request):
    return HttpResponse(f"{request.course.slug}:{request.membership.role}")


@course_access(STAFF)
def staff_view(request):
    return HttpResponse("staff")


@course_access(INSTRUCTOR)
def instructor_view(request):
    return HttpResponse("instructor")


def _call(view, user, slug="env-sci"):
    request = RequestFactory().get(f"/c/{slug}/")
    request.user = user
    return view(request, course_slug=slug)


def test_members_get_the_course_and_their_membership(cast):
    assert _call(member_view, cast.learner).content == b"env-sci:learner"


def test_anonymous_people_are_sent_to_sign_in(cast):
    response = _call(member_view, AnonymousUser())
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    "view,allowed",
    [
        (staff_view, {"instructor", "ta"}),
        (instructor_view, {"instructor"}),
        (member_view, {"instructor", "ta", "learner"}),
    ],
)
def test_roles_outside_the_allowed_set_get_404(cast, view, allowed):
    for role in ("instructor", "ta", "learner", "outsider"):
        person = getattr(cast, role)
        if role in allowed:
            assert _call(view, person).status_code == 200
        else:
            with pytest.raises(Http404):
                _call(view, person)


@pytest.mark.parametrize(
    "status", [MembershipStatus.LEFT, MembershipStatus.REMOVED, MembershipStatus.ARCHIVED]
)
def test_only_active_memberships_open_the_course(cast, status):
    Membership.objects.filter(user=cast.learner).update(status=status)
    with pytest.raises(Http404):
        _call(member_view, cast.learner)


def test_unknown_course_is_404(cast):
    with pytest.raises(Http404):
        _call(member_view, cast.learner, slug="nope")


def test_an_unknown_role_name_is_a_programming_error():
    with pytest.raises(ValueError):
        course_access("janitor")
