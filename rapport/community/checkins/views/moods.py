"""Mood check-ins: a learner's own page (check in, see my history), the class overview
and one learner's trend for staff, following up on help requests, and the audit trail."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from rapport.community.checkins import charts, selectors, services
from rapport.community.checkins.forms import MoodForm
from rapport.community.checkins.trends import mood_trend
from rapport.core.audit import sensitive_reads_page, staff_read_record
from rapport.core.audit_forms import AuditFilterForm
from rapport.core.http import safe_next
from rapport.core.kinds import SensitiveReadKind
from rapport.core.paging import page_of
from rapport.core.refusals import Refused
from rapport.courses.access import INSTRUCTOR, STAFF, course_access

QUICK = "community/checkins/_quick_mood.html"
# Learners' mood rows on one page of the class overview.
MOOD_ROWS_PER_PAGE = 30


def _history(request, *, learner, size: int) -> dict:
    checkins = selectors.mood_history(course=request.course, learner=learner, limit=size)
    oldest_first = checkins[::-1]
    return {"checkins": checkins, "chart": charts.mood_chart(oldest_first)}


@course_access()
@require_http_methods(["GET", "POST"])
def mood(request):
    """A learner's own mood page; the quick check-in on the course home posts here too."""
    if request.membership.is_staff:
        return redirect("community:mood_overview", request.course.slug)
    form = MoodForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            checkin = services.mood_record(
                course=request.course, learner=request.user, **form.cleaned_data
            )
        except Refused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            if request.htmx:
                return render(request, QUICK, {"done": checkin})
            thanks = f"Thanks for checking in — {checkin.face} {checkin.label}."
            if checkin.wants_help:
                thanks += " Your teachers have been told you could use some help."
            messages.success(request, thanks)
            return redirect(safe_next(request, request.path))
    if request.htmx:
        return render(request, QUICK, {"mood_form": form})
    context = {"mood_form": form} | _history(
        request, learner=request.user, size=selectors.HISTORY_SIZE
    )
    return render(request, "community/checkins/mood.html", context)


@course_access(STAFF)
@require_safe
def mood_overview(request):
    overview = selectors.class_overview(course=request.course)
    staff_read_record(
        request,
        kind=SensitiveReadKind.MOOD_OVERVIEW,
        learners=selectors.learners_with_checkins(course=request.course),
    )
    staff_read_record(
        request,
        kind=SensitiveReadKind.HELP_REQUESTS,
        learners=[row.member.user_id for row in overview.asking],
    )
    context = {
        "overview": overview,
        # Those who need someone first (asking for help, falling), so page 1 holds them.
        "page": page_of(overview.rows, request, per_page=MOOD_ROWS_PER_PAGE),
    }
    return render(request, "community/checkins/mood_overview.html", context)


def _learner_or_404(request, user_id: int):
    member = selectors.learner_in_course(course=request.course, user_id=user_id)
    if member is None:
        raise Http404("No such learner in this course.")
    return member


@course_access(STAFF)
@require_safe
def mood_learner(request, user_id: int):
    member = _learner_or_404(request, user_id)
    context = {
        "member": member,
        "help_requests": selectors.help_requests(course=request.course, learner=member.user),
    } | _history(request, learner=member.user, size=selectors.STAFF_HISTORY_SIZE)
    context["trend"] = mood_trend([c.score for c in context["checkins"][::-1]])
    staff_read_record(request, kind=SensitiveReadKind.MOOD_HISTORY, learner=member.user)
    if context["help_requests"]:
        staff_read_record(request, kind=SensitiveReadKind.HELP_REQUESTS, learner=member.user)
    return render(request, "community/checkins/mood_learner.html", context)


@course_access(STAFF)
@require_POST
def mood_follow_up(request, user_id: int):
    member = _learner_or_404(request, user_id)
    count = services.help_requests_follow_up(
        course=request.course, learner=member.user, staff=request.user
    )
    if request.htmx:
        return render(
            request, "community/checkins/_followed_up.html", {"member": member, "count": count}
        )
    if count:
        messages.success(
            request, f"Noted — you followed up with {member.user.display_name}. Thank you."
        )
    else:
        messages.info(request, f"{member.user.display_name} has no open help requests.")
    return redirect(
        safe_next(request, reverse("community:mood_overview", args=[request.course.slug]))
    )


@course_access(INSTRUCTOR)
@require_safe
def wellbeing_audit(request):
    """The course's audit log of staff reads of private things (every kind, not only
    check-ins: the log is core's), filtered by learner and kind."""
    form = AuditFilterForm(request.GET or None, course=request.course)
    page = sensitive_reads_page(
        course=request.course, page_number=request.GET.get("page") or 1, **form.filters()
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {"page": page, "form": form, "query": query.urlencode()}
    return render(request, "community/checkins/audit.html", context)
