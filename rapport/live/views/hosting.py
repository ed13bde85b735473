"""The host's controls and the shared screen of a live session."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from rapport.core.refusals import Refused
from rapport.courses.access import STAFF, course_access
from rapport.live import selectors, services
from rapport.live.forms import ActivityForm, BankForm
from rapport.live.views.common import join_url, session_or_404, socket_url
from rapport.live.views.preparing import edit_form


@course_access(STAFF)
@require_safe
def host(request, live_session_id: int):
    session = session_or_404(request, live_session_id)
    context = {
        "session": session,
        "activities": [
            (activity, edit_form(activity)) for activity in selectors.activities_of(session)
        ],
        "bank_form": BankForm(),
        "activity_form": ActivityForm(),
        "socket_url": socket_url(session),
        "join_url": join_url(request),
    }
    return render(request, "live/host.html", context)


@course_access(STAFF)
@require_safe
def screen(request, live_session_id: int):
    session = session_or_404(request, live_session_id)
    context = {
        "session": session,
        "socket_url": socket_url(session, screen=True),
        "join_url": join_url(request),
    }
    return render(request, "live/screen.html", context)


@course_access(STAFF)
@require_POST
def activity_add(request, live_session_id: int):
    """Add an activity from the prompt bank (``key``) or typed."""
    session = session_or_404(request, live_session_id)
    member = request.membership
    try:
        if "key" in request.POST:
            form = BankForm(request.POST)
            if not form.is_valid():
                raise Refused("Choose one of the ready-made prompts.")
            activity = services.activity_add_from_bank(
                session=session, member=member, key=form.cleaned_data["key"]
            )
        else:
            form = ActivityForm(request.POST)
            if not form.is_valid():
                raise Refused("Choose a kind and write the question.")
            data = form.cleaned_data
            activity = services.activity_add(
                session=session,
                member=member,
                kind=data["kind"],
                prompt=data["prompt"],
                choices=data["choices"].splitlines(),
                anonymous=data["anonymous"],
                blocklist=data["blocklist"],
            )
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, f"Added: “{activity.prompt}”.")
    return redirect("live:host", request.course.slug, session.pk)
