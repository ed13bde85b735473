"""The groups page of a course (a learner's groups now; the teaching team's group sets)
and one group's own space."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from rapport.core.http import safe_next
from rapport.core.refusals import Refused
from rapport.courses.access import course_access
from rapport.groups import selectors, services


@course_access()
@require_safe
def index(request):
    member = request.membership
    context = {"mine": selectors.my_groups(course=request.course, user=request.user)}
    if member.is_staff:
        context["group_sets"] = selectors.group_sets_for(course=request.course)
    return render(request, "groups/index.html", context)


def _group_or_404(request, group_id: int):
    group = selectors.group_for(course=request.course, group_id=group_id, member=request.membership)
    if group is None:
        raise Http404("No such group.")
    return group


@course_access()
@require_safe
def group_page(request, group_id: int):
    from rapport.groups.feedback.selectors import feedback_for_group

    group = _group_or_404(request, group_id)
    topic, board = selectors.group_spaces(group)
    members = selectors.group_members(group)
    in_group = any(m.user_id == request.user.pk for m in members)
    return render(
        request,
        "groups/group.html",
        {
            "group": group,
            "group_set": group.round.group_set,
            "members": members,
            "in_group": in_group,
            "hours": selectors.hours_for(group.shared_hours, request.user.zone()),
            "topic": topic,
            "board": board,
            "reflections": selectors.shared_reflections(group),
            "to_share": selectors.reflections_to_share(group=group, user=request.user)
            if in_group
            else [],
            "feedback_requests": feedback_for_group(group=group, member=request.membership),
        },
    )


@course_access()
@require_POST
def reflection_share(request, group_id: int):
    group = _group_or_404(request, group_id)
    try:
        services.reflection_share(
            group=group, member=request.membership, answer_id=request.POST.get("answer")
        )
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, "Shared with your group.")
    return redirect(safe_next(request, f"{group.get_absolute_url()}#reflections"))


@course_access()
@require_POST
def reflection_unshare(request, group_id: int, shared_id: int):
    group = _group_or_404(request, group_id)
    try:
        services.reflection_unshare(group=group, member=request.membership, shared_id=shared_id)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, "No longer shared with your group.")
    return redirect(safe_next(request, f"{group.get_absolute_url()}#reflections"))
