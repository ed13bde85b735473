"""The course settings page. Every staff member sees it (TAs read-only, so they can share
the join link); every change is a POST to its own small URL and needs an instructor."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from rapport.core.refusals import Refused
from rapport.courses import services
from rapport.courses.access import INSTRUCTOR, STAFF, course_access
from rapport.courses.forms import CourseForm, JoinSettingsForm
from rapport.courses.selectors import join_url


def _settings_page(request, *, course_form=None, join_form=None, status: int = 200):
    course = request.course
    context = {
        "course_form": course_form or CourseForm(instance=course),
        "join_form": join_form
        or JoinSettingsForm(
            initial={
                "join_enabled": course.join_enabled,
                "join_code_expires_at": course.join_code_expires_at,
            }
        ),
        "join_url": join_url(request, course),
        "join_problem": course.join_code_problem(),
    }
    return render(request, "courses/settings.html", context, status=status)


def _settings_redirect(request):
    return redirect("courses:settings", course_slug=request.course.slug)


@course_access(STAFF)
@require_safe
def course_settings(request):
    return _settings_page(request)


@course_access(INSTRUCTOR)
@require_POST
def course_edit(request):
    # Not bound to the instance: validating would change request.course in memory even
    # when the form turns out invalid.
    form = CourseForm(request.POST)
    if form.is_valid():
        try:
            services.course_update(course=request.course, actor=request.user, **form.cleaned_data)
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, "Course details saved.")
            return _settings_redirect(request)
    return _settings_page(request, course_form=form)


@course_access(INSTRUCTOR)
@require_POST
def join_settings(request):
    form = JoinSettingsForm(request.POST)
    if not form.is_valid():
        return _settings_page(request, join_form=form)
    course = services.course_join_settings_update(
        course=request.course,
        actor=request.user,
        join_enabled=form.cleaned_data["join_enabled"],
        expires_at=form.cleaned_data["join_code_expires_at"],
    )
    if course.join_enabled:
        messages.success(request, "Joining by link is on.")
    else:
        messages.success(request, "Joining by link is off. The link shows a polite message.")
    return _settings_redirect(request)


@course_access(INSTRUCTOR)
@require_POST
def join_code_rotate(request):
    services.course_join_code_rotate(course=request.course, actor=request.user)
    messages.success(request, "Here's a new join link. The old link and code no longer work.")
    return _settings_redirect(request)


@course_access(INSTRUCTOR)
@require_POST
def course_archive(request):
    services.course_archive(course=request.course, actor=request.user)
    messages.success(
        request,
        "Course archived. Members can still look back at it; nobody new can join.",
    )
    return _settings_redirect(request)


@course_access(INSTRUCTOR)
@require_POST
def course_unarchive(request):
    services.course_unarchive(course=request.course, actor=request.user)
    messages.success(request, "Course unarchived.")
    return _settings_redirect(request)
