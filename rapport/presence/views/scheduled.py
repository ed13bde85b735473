"""A scheduled check-in: change its words or release time, send it now, or cancel it."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from rapport.core.http import safe_next
from rapport.core.refusals import Refused
from rapport.courses.access import STAFF, course_access
from rapport.presence import services
from rapport.presence.forms import CheckinWordsForm
from rapport.presence.views.common import message_or_404


def _scheduled_or_404(request, message_id: int):
    message = message_or_404(request, message_id)
    if not message.is_checkin or message.is_released:
        raise Http404("No such scheduled check-in.")
    return message


@course_access(STAFF)
@require_http_methods(["GET", "POST"])
def checkin_edit(request, message_id: int):
    message = _scheduled_or_404(request, message_id)
    initial = {"title": message.title, "body": message.body}
    if message.release_at:
        local = timezone.localtime(message.release_at, request.course.zone())
        initial["release_at"] = local.strftime("%Y-%m-%dT%H:%M")
    form = CheckinWordsForm(
        request.POST if request.method == "POST" else None, course=request.course, initial=initial
    )
    if form.is_bound and form.is_valid():
        try:
            message = services.checkin_reschedule(
                message=message, actor=request.user, **form.cleaned_data
            )
        except Refused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            if message.is_released:
                messages.success(request, "Your check-in is out. Learners are being told now.")
            else:
                messages.success(request, "Your check-in is rescheduled.")
            return redirect(safe_next(request, message.get_absolute_url()))
    return render(
        request,
        "presence/checkin_edit.html",
        {"form": form, "message": message, "back": safe_next(request, "")},
    )


@course_access(STAFF)
@require_POST
def checkin_cancel(request, message_id: int):
    message = _scheduled_or_404(request, message_id)
    services.checkin_cancel(message=message, actor=request.user)
    messages.success(request, f"Cancelled “{message.heading}”. Nobody was told about it.")
    return redirect(safe_next(request, request.course.get_absolute_url()))
