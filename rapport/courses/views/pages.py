"""Pages every member sees: the people in a course (classmates; staff have the roster
instead), one person, and leaving. The course home is its own app (``rapport.home``)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from rapport.core.paging import page_of
from rapport.core.refusals import Refused
from rapport.core.touchpoints import recent_for_subject
from rapport.courses import selectors, services
from rapport.courses.access import course_access
from rapport.courses.person_panels import people_panels, person_panels
from rapport.courses.staff_roster import staff_people_url, staff_roster_url

# Classmates on one page of People: a big class is read a page at a time, or found by name.
CLASSMATES_PER_PAGE = 60


@course_access()
@require_safe
def people(request):
    course = request.course
    roster = staff_roster_url(course)
    if request.membership.is_staff and roster:
        return redirect(roster)
    words = request.GET.get("q", "").strip()[:100]
    page = page_of(
        selectors.active_learners_by_name(course=course, words=words),
        request,
        per_page=CLASSMATES_PER_PAGE,
    )
    context = {
        "learners": page.object_list,
        "page": page,
        "query": words,
        "found": page.paginator.count,
        "learner_count": (
            selectors.active_learners_by_name(course=course).count()
            if words
            else page.paginator.count
        ),
    }
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "courses/_classmates.html", context)
    context |= {
        "staff": selectors.teaching_team(course=course),
        "panels": people_panels(course=course, viewer=request.membership),
    }
    return render(request, "courses/people.html", context)


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
