"""Learners finding a time and booking it; everyone's view of a meeting; moving,
cancelling, and marking it afterwards."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from rapport.core.refusals import Refused
from rapport.courses.access import STAFF, course_access
from rapport.officehours import selectors, services
from rapport.officehours.forms import CancelForm, MarkForm, SlotChoiceForm
from rapport.officehours.models import Invite
from rapport.officehours.views.common import (
    booking_or_404,
    days_for,
    office_hours_or_404,
    pool_or_404,
)


@course_access()
@require_safe
def index(request):
    course, user, now = request.course, request.user, timezone.now()
    context = {
        "office_hours": selectors.office_hours_of(course),
        "pools": selectors.pools_of(course),
        "mine": selectors.upcoming_for_learner(course, user, now=now),
        "invites": selectors.open_invites_for(course, user),
    }
    if request.membership.is_staff:
        context["own"] = selectors.own_office_hours(course, user)
        # Each row links to its meeting, whose URL names the course.
        context["this_week"] = selectors.bookings_for_staff(
            course, since=now - timezone.timedelta(hours=12), until=now + timezone.timedelta(7)
        ).select_related("course")
        context["to_mark"] = selectors.waiting_to_be_marked(course, now=now).select_related(
            "course"
        )[:20]
    return render(request, "officehours/index.html", context)


def _choose(request, *, slots, question: str, book, heading: str, template_context: dict):
    """The shared "pick a time" page: the open slots by day, in the reader's zone."""
    office_hours = template_context.get("office_hours")
    days = days_for(request, slots, group=bool(office_hours and office_hours.seats > 1))
    form = SlotChoiceForm(
        request.POST if request.method == "POST" else None, days=days, question=question
    )
    if request.method == "POST":
        if request.membership.is_staff:
            raise Http404("The course's learners book office hours.")
        if form.is_valid():
            choice = services.Choice(form.cleaned_data["start"], form.cleaned_data["answer"])
            try:
                booking = book(choice)
            except Refused as refusal:
                form.add_error(
                    "start" if refusal.code in ("gone", "taken") else None, refusal.message
                )
            else:
                messages.success(request, "Booked. You'll both get a calendar invitation.")
                return redirect(booking.get_absolute_url())
    context = {"form": form, "days": days, "heading": heading, **template_context}
    return render(request, "officehours/book.html", context, status=400 if form.errors else 200)


@course_access()
@require_http_methods(["GET", "HEAD", "POST"])
def book(request, office_hours_id: int):
    office_hours = office_hours_or_404(request, office_hours_id)
    return _choose(
        request,
        slots=selectors.slots_of(office_hours),
        question=office_hours.question,
        heading=f"Book {office_hours.title.lower()} with {office_hours.host.display_name}",
        book=lambda choice: services.booking_make(
            office_hours=office_hours, member=request.membership, choice=choice
        ),
        template_context={"office_hours": office_hours},
    )


@course_access()
@require_http_methods(["GET", "HEAD", "POST"])
def pool(request, pool_id: int):
    found = pool_or_404(request, pool_id)
    return _choose(
        request,
        slots=services.pool_slots(found),
        question="What would you like to talk about?",
        heading=found.title,
        book=lambda choice: services.pool_book(
            pool=found, member=request.membership, choice=choice
        ),
        template_context={"pool": found},
    )


@course_access()
@require_http_methods(["GET", "HEAD", "POST"])
def invite(request, invite_id: int):
    found = (
        Invite.objects.filter(
            pk=invite_id, office_hours__course=request.course, learner=request.user
        )
        .select_related("office_hours__host", "office_hours__course")
        .first()
    )
    if found is None:
        raise Http404("No such invitation.")
    if found.booking_id:
        return redirect(found.booking.get_absolute_url())
    offered = set(services.offered_starts(found))
    open_now = [s for s in selectors.slots_of(found.office_hours) if s.starts_at in offered]
    host = found.office_hours.host
    return _choose(
        request,
        slots=open_now,
        question=found.office_hours.question,
        heading=f"{host.display_name} would like to talk",
        book=lambda choice: services.invite_accept(
            invite=found, member=request.membership, choice=choice
        ),
        template_context={"invite": found, "office_hours": found.office_hours},
    )


@course_access()
@require_safe
def booking(request, booking_id: int):
    found = booking_or_404(request, booking_id)
    staff = request.membership.is_staff
    now = timezone.now()
    open_to_change = services.is_changeable(found, now)
    too_late = open_to_change and not staff and services.too_late_for_learner(found, now)
    context = {
        "booking": found,
        "is_staff": staff,
        "cancel_form": CancelForm(),
        "mark_form": MarkForm(initial={"status": found.status, "note": found.staff_note})
        if staff
        else None,
        "may_change": open_to_change and not too_late,
        "too_late": too_late,
    }
    return render(request, "officehours/booking.html", context)


@course_access()
@require_http_methods(["GET", "HEAD", "POST"])
def booking_move(request, booking_id: int):
    found = booking_or_404(request, booking_id)
    office_hours = found.office_hours
    days = days_for(request, selectors.slots_of(office_hours), group=office_hours.seats > 1)
    form = SlotChoiceForm(request.POST if request.method == "POST" else None, days=days)
    del form.fields["answer"]
    if request.method == "POST" and form.is_valid():
        try:
            services.booking_reschedule(
                booking=found, user=request.user, starts_at=form.cleaned_data["start"]
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, "Moved. You'll both get the updated invitation.")
            return redirect(found.get_absolute_url())
    context = {
        "form": form,
        "days": days,
        "heading": "Move this meeting",
        "office_hours": office_hours,
        "moving": found,
    }
    return render(request, "officehours/book.html", context, status=400 if form.errors else 200)


@course_access()
@require_POST
def booking_cancel(request, booking_id: int):
    found = booking_or_404(request, booking_id)
    form = CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Please keep the message under 2,000 characters.")
        return redirect(found.get_absolute_url())
    try:
        services.booking_cancel(
            booking=found, user=request.user, message=form.cleaned_data["message"]
        )
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, "Cancelled. You've both been told.")
    return redirect(found.get_absolute_url())


@course_access(STAFF)
@require_POST
def booking_mark(request, booking_id: int):
    found = booking_or_404(request, booking_id)
    form = MarkForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Say whether you met, and keep the note under 4,000 characters.")
        return redirect(found.get_absolute_url())
    try:
        services.booking_mark(
            booking=found,
            member=request.membership,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
        )
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, "Saved.")
    return redirect(found.get_absolute_url())
