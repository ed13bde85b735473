"""Changing the list of activities from the host page: edit, remove, move up or down."""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from rapport.core.refusals import Refused
from rapport.courses.access import STAFF, course_access
from rapport.live import services
from rapport.live.forms import ActivityEditForm
from rapport.live.views.common import activity_or_404, session_or_404


def edit_form(activity) -> ActivityEditForm:
    """The activity's edit form as the host page shows it, its ids its own."""
    initial = {"prompt": activity.prompt, "choices": "\n".join(activity.choices)}
    return ActivityEditForm(initial=initial, auto_id=f"id_activity{activity.pk}_%s")


def _back(request, session):
    return redirect("live:host", request.course.slug, session.pk)


@course_access(STAFF)
@require_POST
def activity_edit(request, live_session_id: int, activity_id: int):
    session = session_or_404(request, live_session_id)
    activity = activity_or_404(session, activity_id)
    form = ActivityEditForm(request.POST)
    try:
        if not form.is_valid():
            raise Refused(form.first_error())
        activity = services.activity_edit(
            session=session,
            activity=activity,
            member=request.membership,
            prompt=form.cleaned_data["prompt"],
            choices=form.cleaned_data["choices"].splitlines(),
        )
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, f"Changed: “{activity.prompt}”.")
    return _back(request, session)


@course_access(STAFF)
@require_POST
def activity_remove(request, live_session_id: int, activity_id: int):
    session = session_or_404(request, live_session_id)
    activity = activity_or_404(session, activity_id)
    try:
        services.activity_remove(session=session, activity=activity, member=request.membership)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, f"Removed: “{activity.prompt}”.")
    return _back(request, session)


@course_access(STAFF)
@require_POST
def activity_move(request, live_session_id: int, activity_id: int):
    session = session_or_404(request, live_session_id)
    activity = activity_or_404(session, activity_id)
    try:
        services.activity_move(
            session=session,
            activity=activity,
            member=request.membership,
            direction=request.POST.get("direction", ""),
        )
    except Refused as refusal:
        messages.error(request, refusal.message)
    return _back(request, session)
