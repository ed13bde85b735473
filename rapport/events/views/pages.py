"""A course's events: the list, one event's page, planning, changing and cancelling one, and
the course's choice about learners planning them."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from rapport.core.refusals import Refused
from rapport.courses.access import STAFF, course_access
from rapport.events import rules, selectors, services
from rapport.events.forms import EventForm, EventSettingsForm


def event_or_404(request, event_id: int):
    event = selectors.event_for(course=request.course, event_id=event_id)
    if event is None:
        raise Http404("No such event.")
    return event


def _posted(request):
    return request.POST if request.method == "POST" else None


@course_access()
@require_safe
def index(request):
    allowed = rules.learners_may_create(request.course)
    context = {
        "upcoming": selectors.upcoming_events(course=request.course),
        "past": selectors.past_events(course=request.course),
        "may_create": rules.may_create(request.membership, learners_allowed=allowed),
    }
    selectors.with_my_answers(user=request.user, events=context["upcoming"] + context["past"])
    if request.membership.is_staff:
        context["settings_form"] = EventSettingsForm(initial={"learners_may_create": allowed})
    return render(request, "events/index.html", context)


@course_access()
@require_safe
def event_page(request, event_id: int):
    event = event_or_404(request, event_id)
    people = selectors.event_people(event=event, user=request.user)
    return render(
        request,
        "events/event.html",
        {
            "event": event,
            "people": people,
            "places_left": event.places_left(event.going_count),
            "may_change": rules.may_change(request.membership, event),
        },
    )


@course_access()
@require_http_methods(["GET", "HEAD", "POST"])
def event_new(request):
    if not rules.may_create(request.membership):
        raise Http404("Only the teaching team plans events in this course.")
    form = EventForm(_posted(request), course=request.course)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(
                course=request.course, member=request.membership, details=form.details()
            )
        except Refused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            messages.success(request, "Your event is on the calendar. The class has been told.")
            return redirect(event.get_absolute_url())
    return render(request, "events/event_form.html", {"form": form, "event": None})


@course_access()
@require_http_methods(["GET", "HEAD", "POST"])
def event_edit(request, event_id: int):
    event = event_or_404(request, event_id)
    if not rules.may_change(request.membership, event):
        raise Http404("Only the teaching team or the person who planned it can change it.")
    form = EventForm(_posted(request), event=event)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(event=event, member=request.membership, details=form.details())
        except Refused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            messages.success(request, "Saved.")
            return redirect(event.get_absolute_url())
    return render(request, "events/event_form.html", {"form": form, "event": event})


@course_access()
@require_POST
def event_cancel(request, event_id: int):
    event = event_or_404(request, event_id)
    if not rules.may_change(request.membership, event):
        raise Http404("Only the teaching team or the person who planned it can cancel it.")
    services.event_cancel(event=event, member=request.membership)
    messages.success(request, "The event is cancelled. Calendars that follow it will show that.")
    return redirect(event.get_absolute_url())


@course_access(STAFF)
@require_POST
def settings_save(request):
    form = EventSettingsForm(request.POST)
    form.is_valid()  # a checkbox: absent means off
    services.event_settings_save(
        course=request.course,
        member=request.membership,
        learners_may_create=bool(form.cleaned_data.get("learners_may_create")),
    )
    messages.success(request, "Saved.")
    return redirect(reverse("events:index", args=[request.course.slug]))
