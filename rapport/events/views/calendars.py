"""Calendar files: one event's .ics, each person's private feed (no sign-in: the token in
its address is the key) and the page that shows that address and makes a new one."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST, require_safe

from rapport.core.links import absolute_url
from rapport.courses.access import course_access
from rapport.events import calendar, selectors, services
from rapport.events.views.pages import event_or_404

ICS = "text/calendar; charset=utf-8"


@course_access()
@require_safe
def event_ics(request, event_id: int):
    event = event_or_404(request, event_id)
    response = HttpResponse(calendar.event_calendar(event), content_type=ICS)
    name = slugify(event.title) or "event"
    response["Content-Disposition"] = f'attachment; filename="{name}.ics"'
    return response


@require_safe
def feed(request, token: str):
    owner = selectors.feed_owner(token=token)
    if owner is None:
        raise Http404("No such calendar.")
    response = HttpResponse(calendar.feed_calendar(owner), content_type=ICS)
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response


@course_access()
@require_safe
def calendar_link(request):
    feed_url = absolute_url(services.calendar_feed_get(user=request.user).get_absolute_url())
    return render(
        request,
        "events/calendar_link.html",
        # webcal:// asks the device's calendar app to subscribe rather than download once.
        {"feed_url": feed_url, "webcal_url": "webcal://" + feed_url.split("://", 1)[1]},
    )


@course_access()
@require_POST
def calendar_link_renew(request):
    services.calendar_feed_renew(user=request.user)
    messages.success(
        request, "Here is your new link. The old one has stopped working: update your calendar."
    )
    return redirect(reverse("events:calendar_link", args=[request.course.slug]))
