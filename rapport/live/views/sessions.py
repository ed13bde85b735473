"""The course's live sessions: the list, opening one, closing it, and its results."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from rapport.core.csvsafe import csv_response
from rapport.core.refusals import Refused
from rapport.courses.access import STAFF, course_access
from rapport.live import selectors, services
from rapport.live.forms import SessionForm
from rapport.live.views.common import session_or_404


@course_access()
@require_safe
def sessions(request):
    open_ones, past = selectors.sessions_for(course=request.course)
    return render(request, "live/sessions.html", {"open_sessions": open_ones, "past": past})


@course_access(STAFF)
@require_http_methods(["GET", "POST"])
def session_new(request):
    form = SessionForm(request.POST or None)
    if form.is_bound and form.is_valid():
        try:
            session = services.session_create(
                course=request.course, member=request.membership, **form.cleaned_data
            )
        except Refused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            messages.success(request, f"“{session.title}” is open. Add a first activity.")
            return redirect("live:host", request.course.slug, session.pk)
    return render(request, "live/session_new.html", {"form": form})


@course_access(STAFF)
@require_POST
def session_close(request, live_session_id: int):
    session = session_or_404(request, live_session_id)
    services.session_close(session=session, member=request.membership)
    messages.success(request, f"“{session.title}” has ended. Its results stay here.")
    return redirect("live:sessions", request.course.slug)


@course_access()
@require_safe
def session_results(request, live_session_id: int):
    session = session_or_404(request, live_session_id)
    staff = request.membership.is_staff
    context = {
        "session": session,
        "activities": selectors.session_results(session, staff=staff),
        "staff": staff,
    }
    return render(request, "live/results.html", context)


@course_access(STAFF)
@require_safe
def session_export(request, live_session_id: int):
    session = session_or_404(request, live_session_id)
    return csv_response(
        selectors.export_rows(session), filename=f"{request.course.slug}-live-{session.pk}.csv"
    )
