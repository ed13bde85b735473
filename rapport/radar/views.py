"""The radar's staff page (reach-out list and equity figures), the indicators download, and
setting someone on the reach-out list aside (the staff home's snooze and dismiss)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from rapport.core.csvsafe import csv_response
from rapport.core.http import safe_next
from rapport.core.refusals import Refused
from rapport.courses.access import STAFF, course_access
from rapport.radar import selectors, services
from rapport.radar.equity import course_equity
from rapport.radar.export import indicator_rows
from rapport.radar.indicators import course_indicators
from rapport.radar.ranking import reach_out_list


@course_access(STAFF)
@require_safe
def radar(request):
    now = timezone.now()
    return render(
        request,
        "radar/radar.html",
        {
            "reach_out": reach_out_list(course=request.course, now=now),
            "equity": course_equity(course=request.course, now=now),
        },
    )


@course_access(STAFF)
@require_safe
def indicators_csv(request):
    rows = indicator_rows(course_indicators(course=request.course, now=timezone.now()))
    return csv_response(rows, filename=f"{request.course.slug}-radar-indicators.csv")


@course_access(STAFF)
@require_POST
def set_aside(request, user_id: int):
    """Snooze a learner on the reach-out list for a week, or dismiss them until a new
    signal appears. The reasons they are on the list are read afresh here, never posted."""
    course = request.course
    learner = get_user_model().objects.filter(pk=user_id).first()
    if learner is None:
        raise Http404("No such learner.")
    now = timezone.now()
    on_list = next(
        (item for item in reach_out_list(course=course, now=now) if item.user.pk == learner.pk),
        None,
    )
    try:
        decision = services.reach_out_set_aside(
            course=course,
            staff=request.user,
            learner=learner,
            kind=request.POST.get("kind", ""),
            reason=request.POST.get("reason", ""),
            reasons=on_list.reasons if on_list else [],
            now=now,
        )
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            f"{learner.display_name}: {decision.get_kind_display().lower()}. "
            "Undo it under “Set aside” if you change your mind.",
        )
    return redirect(safe_next(request, course.get_absolute_url()) + "#reach-out")


@course_access(STAFF)
@require_POST
def set_aside_undo(request, decision_id: int):
    decision = selectors.decision_for(course=request.course, decision_id=decision_id)
    if decision is None:
        raise Http404("No such decision in this course.")
    services.reach_out_decision_undo(decision=decision, staff=request.user)
    messages.success(request, f"{decision.learner.display_name} is back on the list.")
    return redirect(safe_next(request, request.course.get_absolute_url()) + "#reach-out")
