"""Pages every member sees: the people in a course (classmates; staff have the roster
instead), one person, and leaving. The course home is its own app (``rapport.home``)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from rapport.core.refusals import Refused
from rapport.core.touchpoints import recent_for_subject
from rapport.courses import selectors, services
from rapport.courses.access import course_access
from rapport.courses.person_panels import people_panels, person_panels
from rapport.courses.staff_roster import staff_people_url, staff_roster_url


@course_access()
@require_safe
def people(request):
    roster = staff_roster_url(request.course)
    if request.membership.is_staff and roster:
        return redirect(roster)
    memberships = selectors.active_memberships(course=request.course)
    return render(
        request,
        "courses/people.html",
        {
            "staff": [m for m in memberships if m.is_staff],
            "learners": [m for m in memberships if not m.is_staff],
            "panels": people_panels(course=request.course, viewer=request.membership),
        },
    )


@course_access()
@require_safe
def person(request, user_id: int):
    membership = selectors.person_in_course(course=request.course, user_id=user_id)
    if membership is None:
        raise Http404("No such person in this course.")
    context = {
        "member": membership,
        "person": membership.user,
        "local_time": selectors.local_time_label(membership.user),
        "is_me": membership.user_id == request.user.pk,
        "panels": person_panels(
            course=request.course, person=membership, viewer=request.membership
        ),
    }
    if request.membership.is_staff:
        context["touchpoints"] = recent_for_subject(course=request.course, subject=membership.user)
    return render(request, "courses/person.html", context)


@course_access()
@require_http_methods(["GET", "POST"])
def leave(request):
    course, membership = request.course, request.membership
    context = {
        "only_instructor": selectors.is_only_instructor(membership),
        "people_url": staff_people_url(course),
    }
    if request.method == "POST":
        try:
            services.membership_leave(membership=membership)
        except Refused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request,
                f"You've left {course.title}. If you change your mind, the join link still "
                "works for you.",
            )
            return redirect("courses:dashboard")
    return render(request, "courses/leave.html", context)
