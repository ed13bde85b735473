"""A staff member's own office hours: starting them, their rules, weekly hours and dates
that differ; offering a learner times ("let's talk"); pools of several people's hours."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from rapport.core.refusals import Refused
from rapport.courses.access import STAFF, course_access
from rapport.courses.models import Membership, MembershipStatus, Role
from rapport.officehours import selectors, services
from rapport.officehours.forms import (
    ExceptionForm,
    InviteForm,
    PoolForm,
    RulesForm,
    WindowForm,
    slot_value,
)
from rapport.officehours.views.common import days_for, own_office_hours_or_404


def _manage_url(request) -> str:
    return reverse("officehours:manage", kwargs={"course_slug": request.course.slug})


@course_access(STAFF)
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request):
    office_hours = selectors.own_office_hours(request.course, request.user)
    if office_hours is None:
        if request.method == "POST":
            raise Http404("Set up your office hours first.")
        return render(request, "officehours/manage.html", {"office_hours": None})
    form = RulesForm(request.POST if request.method == "POST" else None, instance=office_hours)
    if request.method == "POST" and form.is_valid():
        try:
            services.office_hours_save(
                office_hours=office_hours, member=request.membership, rules=form.rules()
            )
        except Refused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            messages.success(request, "Saved.")
            return redirect(_manage_url(request))
    context = {
        "office_hours": office_hours,
        "form": form,
        "window_form": WindowForm(),
        "exception_form": ExceptionForm(),
        "weekly": office_hours.weekly.all(),
        "exceptions": office_hours.exceptions.filter(date__gte=timezone.localdate()),
        "preview": days_for(request, selectors.slots_of(office_hours))[:3],
    }
    return render(request, "officehours/manage.html", context, status=400 if form.errors else 200)


@course_access(STAFF)
@require_POST
def start(request):
    services.office_hours_start(member=request.membership)
    messages.success(
        request, "Your office hours are set up, closed for now: check them, then open them."
    )
    return redirect(_manage_url(request))


def _change(request, action, form_class=None):
    office_hours = own_office_hours_or_404(request)
    data = {}
    if form_class is not None:
        form = form_class(request.POST)
        if not form.is_valid():
            first = next(iter(form.errors.values()))[0]
            messages.error(request, first)
            return redirect(_manage_url(request))
        data = form.cleaned_data
    try:
        action(office_hours, data)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, "Saved.")
    return redirect(_manage_url(request))


@course_access(STAFF)
@require_POST
def window_add(request):
    return _change(
        request,
        lambda oh, data: services.weekly_window_add(
            office_hours=oh, member=request.membership, **data
        ),
        WindowForm,
    )


@course_access(STAFF)
@require_POST
def window_remove(request, window_id: int):
    return _change(
        request,
        lambda oh, _: services.weekly_window_remove(
            office_hours=oh, member=request.membership, window_id=window_id
        ),
    )


@course_access(STAFF)
@require_POST
def exception_add(request):
    return _change(
        request,
        lambda oh, data: services.date_exception_add(
            office_hours=oh, member=request.membership, **data
        ),
        ExceptionForm,
    )


@course_access(STAFF)
@require_POST
def exception_remove(request, exception_id: int):
    return _change(
        request,
        lambda oh, _: services.date_exception_remove(
            office_hours=oh, member=request.membership, exception_id=exception_id
        ),
    )


@course_access(STAFF)
@require_http_methods(["GET", "HEAD", "POST"])
def invite_new(request, user_id: int):
    learner = (
        Membership.objects.filter(
            course=request.course,
            user_id=user_id,
            role=Role.LEARNER,
            status=MembershipStatus.ACTIVE,
        )
        .select_related("user")
        .first()
    )
    if learner is None:
        raise Http404("No such learner in this course.")
    office_hours = selectors.own_office_hours(request.course, request.user)
    if office_hours is None:
        messages.info(request, "Set up your office hours first, then offer times from them.")
        return redirect(_manage_url(request))
    zone = request.user.zone()
    choices = [
        (slot_value(slot), f"{slot.starts_at.astimezone(zone):%a %-d %b, %-I:%M %p}")
        for slot in selectors.slots_of(office_hours)[:60]
    ]
    form = InviteForm(request.POST if request.method == "POST" else None, choices=choices)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite_send(
                office_hours=office_hours,
                member=request.membership,
                learner=learner,
                starts=form.cleaned_data["starts"],
                message=form.cleaned_data["message"],
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request, f"Sent. {learner.user.display_name} can book one in two clicks."
            )
            return redirect(
                reverse("officehours:index", kwargs={"course_slug": request.course.slug})
            )
    context = {"form": form, "learner": learner.user, "office_hours": office_hours}
    return render(
        request, "officehours/invite_new.html", context, status=400 if form.errors else 200
    )


@course_access(STAFF)
@require_http_methods(["GET", "HEAD", "POST"])
def pool_new(request):
    form = PoolForm(request.POST if request.method == "POST" else None, course=request.course)
    if request.method == "POST" and form.is_valid():
        try:
            pool = services.pool_save(
                course=request.course,
                member=request.membership,
                title=form.cleaned_data["title"],
                members=list(form.cleaned_data["members"]),
                assignment=form.cleaned_data["assignment"],
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request, "The pool is ready: learners see it on the office-hours page."
            )
            return redirect(pool.get_absolute_url())
    return render(
        request, "officehours/pool_new.html", {"form": form}, status=400 if form.errors else 200
    )
