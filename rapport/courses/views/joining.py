"""Getting into a course: where signing in lands, the dashboard, creating a course, joining
by code or link, and accepting an invitation. These live outside /c/<slug>/ because the
person is not (yet) a member."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from rapport.accounts.forms import propose_browser_zone
from rapport.core.ratelimits import Limit, attempt, must_wait, too_many
from rapport.core.refusals import Refused
from rapport.courses import selectors, services
from rapport.courses.forms import CourseForm, JoinCodeForm
from rapport.courses.models import JoinedVia, normalize_join_code
from rapport.events.selectors import upcoming_events_for_user

UNKNOWN_CODE = (
    "This join link is no longer valid — it may have been replaced with a new one. "
    "Ask your instructor for the current link."
)
# Join codes are short enough to guess by trying, so unknown codes are counted, per person
# and per address (a school's pupils may share one), and past either limit no code is
# looked up for a while. Known codes cost nothing: a class joining at once is not slowed.
CODE_MISSES = (
    Limit("join-code-miss", 10, 10 * 60, per="user"),
    Limit("join-code-miss-ip", 40, 10 * 60, per="ip"),
)
GUESSING = "course codes"
UNKNOWN_INVITATION = (
    "We couldn't find this invitation. Check that the whole link was copied from the "
    "email, or ask your instructor to send it again."
)


@login_required
@require_safe
def dashboard(request):
    context = {
        "dashboard": selectors.dashboard_for(user=request.user),
        # Social events across every course, so nobody has to open each course to see them.
        "coming_up": upcoming_events_for_user(user=request.user, limit=5),
    }
    return render(request, "courses/dashboard.html", context)


@login_required
@require_safe
def start(request):
    """After signing in: a learner's course home, else the course list."""
    course = selectors.landing_course(user=request.user)
    return redirect(course if course is not None else "courses:dashboard")


@login_required
@require_http_methods(["GET", "POST"])
def course_create(request):
    form = CourseForm(
        request.POST if request.method == "POST" else None,
        initial={"timezone": request.user.timezone},
    )
    if not form.is_bound and request.user.timezone_unknown:
        propose_browser_zone(form.fields["timezone"])
    if form.is_bound and form.is_valid():
        try:
            course = services.course_create(creator=request.user, **form.cleaned_data)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request, f"{course.title} is ready. Share the join link to bring people in."
            )
            return redirect(course)
    return render(request, "courses/course_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def join(request):
    """Type a code; a known code leads to the course's join page."""
    form = JoinCodeForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        if wait := must_wait(request, *CODE_MISSES):
            return too_many(request, wait, doing=GUESSING)
        if selectors.course_for_join_code(form.cleaned_data["code"]) is not None:
            return redirect("courses:join_link", code=form.cleaned_data["code"])
        attempt(request, *CODE_MISSES)
        form.add_error(
            "code",
            "We couldn't find a course with that code. Check it with your instructor — "
            "the code changes when they replace the link.",
        )
    return render(request, "courses/join.html", {"form": form})


@require_http_methods(["GET", "POST"])
def join_link(request, code: str):
    normalized = normalize_join_code(code)
    if request.method == "GET" and normalized and normalized != code:
        return redirect("courses:join_link", code=normalized)
    if wait := must_wait(request, *CODE_MISSES):
        return too_many(request, wait, doing=GUESSING)
    course = selectors.course_for_join_code(normalized)
    if course is None:
        attempt(request, *CODE_MISSES)
        return render(request, "courses/join_link.html", {"problem": UNKNOWN_CODE})
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect_to_login(request.path)
    membership = selectors.membership_of(course=course, user=request.user)
    if membership is not None and membership.is_active:
        messages.info(request, f"You're already in {course.title}.")
        return redirect(course)
    context = {
        "course": course,
        "problem": selectors.join_by_code_problem(course=course, membership=membership),
        "rejoining": membership is not None,
    }
    if request.method == "POST" and not context["problem"]:
        try:
            services.course_join(course=course, user=request.user, via=JoinedVia.CODE)
        except Refused as refusal:
            context["problem"] = refusal.message
        else:
            messages.success(request, f"Welcome to {course.title}!")
            return redirect(course)
    return render(request, "courses/join_link.html", context)


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token: str):
    invitation = selectors.invitation_by_token(token)
    if invitation is None:
        return render(
            request, "courses/invitation.html", {"problem": UNKNOWN_INVITATION}, status=404
        )
    course = invitation.course
    user = request.user
    if user.is_authenticated and invitation.accepted_by_id == user.pk:
        membership = selectors.membership_of(course=course, user=user)
        if membership is not None and membership.is_active:
            messages.info(request, f"You're already in {course.title}.")
            return redirect(course)
    if request.method == "POST" and not user.is_authenticated:
        return redirect_to_login(request.path)
    problem = invitation.problem()
    wrong_account = bool(user.is_authenticated and not problem and not invitation.is_for(user))
    context = {"invitation": invitation, "course": course, "problem": problem}
    context["wrong_account"] = wrong_account
    if request.method == "POST" and not problem and not wrong_account:
        try:
            services.invitation_accept(invitation=invitation, user=user)
        except Refused as refusal:
            context["problem"] = refusal.message
        else:
            messages.success(request, f"Welcome to {course.title}!")
            return redirect(course)
    return render(request, "courses/invitation.html", context)
