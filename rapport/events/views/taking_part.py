"""Saying you'll come, checking in while an event is on, and staff marking who came."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from rapport.core.refusals import Refused
from rapport.courses.access import STAFF, course_access
from rapport.events import selectors, services
from rapport.events.models import RsvpStatus
from rapport.events.views.pages import event_or_404


@course_access()
@require_POST
def rsvp(request, event_id: int):
    event = event_or_404(request, event_id)
    try:
        answer = services.rsvp_set(
            event=event, member=request.membership, status=request.POST.get("status", "")
        )
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        if answer.status == RsvpStatus.GOING:
            messages.success(request, "You're coming — see you there!")
        else:
            messages.success(request, "Thanks for letting us know. Maybe next time!")
    return redirect(event.get_absolute_url())


@course_access()
@require_POST
def check_in(request, event_id: int):
    event = event_or_404(request, event_id)
    try:
        services.check_in(event=event, member=request.membership)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, "You're checked in. Have fun!")
    return redirect(event.get_absolute_url())


@course_access(STAFF)
@require_http_methods(["GET", "HEAD", "POST"])
def attendance(request, event_id: int):
    event = event_or_404(request, event_id)
    if request.method == "POST":
        chosen = {int(v) for v in request.POST.getlist("came") if v.isdigit()}
        try:
            added, removed = services.attendance_mark(
                event=event, member=request.membership, user_ids=chosen
            )
        except Refused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, f"Saved: {added} added, {removed} taken off.")
            return redirect(event.get_absolute_url())
    return render(
        request,
        "events/attendance.html",
        {"event": event, "rows": selectors.attendance_sheet(event=event)},
    )
