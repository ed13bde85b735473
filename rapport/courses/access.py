"""The one course-access decorator. Every view under /c/<course_slug>/ starts with it."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from rapport.courses.models import Course, Membership, MembershipStatus, Role

STAFF = "staff"
INSTRUCTOR = "instructor"
MEMBER = "member"
_ALLOWED_ROLES = {
    MEMBER: {Role.INSTRUCTOR, Role.TA, Role.LEARNER},
    STAFF: {Role.INSTRUCTOR, Role.TA},
    INSTRUCTOR: {Role.INSTRUCTOR},
}


def course_access(role: str = MEMBER):
    """Load the course named by ``course_slug`` and the caller's active membership.

    Sets ``request.course`` and ``request.membership``. Anonymous people are sent to sign
    in; anyone without an active membership of the required role gets 404, so a course's
    existence and its staff pages are not revealed to those who cannot use them.
    """
    if role not in _ALLOWED_ROLES:
        raise ValueError(f"course_access role must be one of {sorted(_ALLOWED_ROLES)}")
    allowed = _ALLOWED_ROLES[role]

    def decorator(view):
        @wraps(view)
        def wrapper(request, course_slug: str, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = (
                Membership.objects.select_related("course")
                .filter(
                    course__slug=course_slug,
                    user=request.user,
                    status=MembershipStatus.ACTIVE,
                    role__in=allowed,
                )
                .first()
            )
            if membership is None:
                raise Http404("No such course page.")
            membership.user = request.user  # the same person: no second query for them
            request.course: Course = membership.course
            request.membership: Membership = membership
            return view(request, *args, **kwargs)

        wrapper.course_access_role = role
        return wrapper

    return decorator
