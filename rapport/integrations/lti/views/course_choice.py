"""Where the first instructor launch from an LMS course goes when that instructor already
teaches courses in Rapport: make a new Rapport course for it, or link one of theirs.

Reached only from a validated launch (``pending_choices``); framed by the launching
platform through the session's frame-ancestors (LtiFrameMiddleware), as the launched pages
are; a POST with the CSRF token, whose chosen course is checked again by the service."""

from django.contrib.auth import get_user_model
from django.shortcuts import render
from django.views.decorators.http import require_http_methods
from pylti1p3.exception import LtiException

from rapport.core.refusals import Refused
from rapport.integrations.lti.pending_choices import course_choice_peek, course_choice_take
from rapport.integrations.lti.selectors import courses_to_link
from rapport.integrations.lti.services import NOT_YOURS_TO_LINK, course_choice_accept
from rapport.integrations.lti.validation import launch_restored
from rapport.integrations.lti.views.launch import launch_finish, refused_page

User = get_user_model()
NEW_COURSE = "new"
NO_CHOICE = "This choice has expired or was already made. Open Rapport from your course again."


def _pending_launch(request, token: str):
    """(launch, user) of the launch waiting under ``token`` in this session, or (None, None)."""
    pending = course_choice_peek(request.session, token)
    if pending is None:
        return None, None
    try:
        lti_launch = launch_restored(request, pending.launch_id, pending.launch_data)
    except LtiException:  # its registration was deleted or switched off meanwhile
        return None, None
    user = User.objects.filter(pk=pending.user_id).first()
    return (lti_launch, user) if user is not None else (None, None)


def _chosen_course_id(value: str) -> int | None:
    """None for a new course, else the id of the course to link; ValueError otherwise."""
    if value == NEW_COURSE:
        return None
    if not (value.isascii() and value.isdigit() and len(value) <= 18):
        raise ValueError(value)
    return int(value)


@require_http_methods(["GET", "POST"])
def course_choice(request, token: str):
    lti_launch, user = _pending_launch(request, token)
    if lti_launch is None:
        return refused_page(request, NO_CHOICE, status=400)
    error = ""
    if request.method == "POST":
        picked = request.POST.get("course", "")
        if picked:
            course_choice_take(request.session, token)  # made once, whatever comes of it
            try:
                course_id = _chosen_course_id(picked)
            except ValueError:
                return refused_page(request, NOT_YOURS_TO_LINK, status=403)
            try:
                outcome = course_choice_accept(launch=lti_launch, user=user, course_id=course_id)
            except Refused as refusal:
                return refused_page(request, refusal.message, status=403)
            return launch_finish(request, lti_launch, outcome)
        error = "Choose a new course or one of yours."
    claim = lti_launch.context_claim or {}
    return render(
        request,
        "lti/course_choice.html",
        {
            "lms_course_title": claim.get("title") or claim.get("label") or "your LMS course",
            "courses": courses_to_link(user=user, registration=lti_launch.registration),
            "new_course": NEW_COURSE,
            "error": error,
        },
        status=400 if error else 200,
    )
