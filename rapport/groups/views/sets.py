"""The teaching team's pages: the course's group sets, a new set, one set's rounds to
preview, change and publish, and the progress of its forming."""

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from rapport.core.paging import FACES_UP_TO, int_param
from rapport.core.refusals import Refused
from rapport.courses.access import STAFF, course_access
from rapport.courses.models import Membership, MembershipStatus, Role
from rapport.groups import selectors, services
from rapport.groups.forms import GroupSetForm
from rapport.groups.inputs import isolated_learners
from rapport.groups.models import Formation, Group, Round


def _learners(course) -> list:
    rows = Membership.objects.filter(
        course=course, role=Role.LEARNER, status=MembershipStatus.ACTIVE
    ).select_related("user")
    return sorted((m.user for m in rows), key=lambda u: (u.display_name.casefold(), u.pk))


def _set_or_404(request, set_id: int):
    group_set = selectors.group_set_or_none(course=request.course, set_id=set_id)
    if group_set is None:
        raise Http404("No such groups.")
    return group_set


def _criteria(form: GroupSetForm) -> services.Criteria:
    data = form.cleaned_data
    return services.Criteria(
        title=data["title"],
        purpose=data["purpose"],
        group_size=data["group_size"],
        interests=data["interests"],
        availability=data["availability"],
        min_shared_hours=data["min_shared_hours"],
        attribute_question_id=data["attribute_question"],
        attribute=data["attribute"],
        rounds=data["rounds"],
        pace=data["pace"],
        keep_together=form.pairs("together"),
        keep_apart=form.pairs("apart"),
    )


@course_access(STAFF)
@require_http_methods(["GET", "POST"])
def set_new(request):
    form = GroupSetForm(
        request.POST or None, course=request.course, learners=_learners(request.course)
    )
    if form.is_bound and form.is_valid():
        try:
            group_set = services.group_set_create(
                course=request.course, member=request.membership, criteria=_criteria(form)
            )
        except Refused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            return redirect(group_set.get_absolute_url())
    return render(request, "groups/set_new.html", {"form": form})


@course_access(STAFF)
@require_http_methods(["GET", "POST"])
def set_edit(request, set_id: int):
    group_set = _set_or_404(request, set_id)
    form = GroupSetForm(
        request.POST or None,
        course=request.course,
        learners=_learners(request.course),
        initial=_initial(group_set),
    )
    if form.is_bound and form.is_valid():
        try:
            services.group_set_update(
                group_set=group_set, member=request.membership, criteria=_criteria(form)
            )
        except Refused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            messages.success(request, "Forming the rounds not published yet again.")
            return redirect(group_set.get_absolute_url())
    return render(request, "groups/set_new.html", {"form": form, "group_set": group_set})


def _initial(group_set) -> dict:
    initial = {
        name: getattr(group_set, name)
        for name in (
            "title",
            "purpose",
            "group_size",
            "interests",
            "availability",
            "min_shared_hours",
            "attribute",
            "rounds",
            "pace",
        )
    }
    initial["attribute_question"] = group_set.attribute_question_id
    rows = {True: 0, False: 0}
    for pair in group_set.pairs.all():
        kind = "together" if pair.together else "apart"
        initial[f"{kind}_{rows[pair.together]}_a"] = pair.first_id
        initial[f"{kind}_{rows[pair.together]}_b"] = pair.second_id
        rows[pair.together] += 1
    return initial


@course_access(STAFF)
@require_safe
def set_page(request, set_id: int):
    group_set = _set_or_404(request, set_id)
    rounds = selectors.rounds_of(group_set)
    # One round at a time: each round of a big class is hundreds of learners.
    shown = selectors.round_shown(rounds, int_param(request, "round"))
    groups = selectors.round_groups(shown) if shown else []
    members = selectors.members_by_name(groups)
    for group in groups:
        group.hours_here = selectors.hours_for(group.shared_hours, request.user.zone())
    alone = isolated_learners(request.course) if group_set.status == Formation.READY else set()
    return render(
        request,
        "groups/set.html",
        {
            "group_set": group_set,
            "rounds": rounds,
            "round": shown,
            "groups": groups,
            "members": members,
            "with_faces": len(members) <= FACES_UP_TO,
            "isolated": alone,
            "published_any": any(r.published_at for r in rounds),
            "next_round": next((r for r in rounds if r.published_at is None), None),
        },
    )


@course_access(STAFF)
@require_safe
def set_progress(request, set_id: int):
    group_set = _set_or_404(request, set_id)
    return JsonResponse(
        {
            "status": group_set.status,
            "progress": group_set.progress,
            "problem": group_set.problem,
        }
    )


@course_access(STAFF)
@require_POST
def set_reform(request, set_id: int):
    group_set = _set_or_404(request, set_id)
    services.group_set_form_later(group_set=group_set, reshuffle=True)
    messages.success(request, "Forming the groups again — locked groups stay as they are.")
    return redirect(group_set.get_absolute_url())


def _round_or_404(group_set, round_id: int) -> Round:
    round_ = group_set.round_set.filter(pk=round_id).first()
    if round_ is None:
        raise Http404("No such round.")
    return round_


@course_access(STAFF)
@require_POST
def round_publish(request, set_id: int, round_id: int):
    group_set = _set_or_404(request, set_id)
    round_ = _round_or_404(group_set, round_id)
    try:
        services.round_publish(round_=round_, member=request.membership)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request, f"Round {round_.number} is published: each learner has been told."
        )
    return redirect(group_set.get_absolute_url())


@course_access(STAFF)
@require_POST
def member_move(request, set_id: int, round_id: int):
    group_set = _set_or_404(request, set_id)
    round_ = _round_or_404(group_set, round_id)
    try:
        services.member_move(
            round_=round_,
            member=request.membership,
            user_id=_int(request.POST.get("user")),
            to_group_id=_int(request.POST.get("group")),
        )
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, "Moved.")
    return redirect(f"{group_set.get_absolute_url()}#round-{round_.number}")


@course_access(STAFF)
@require_POST
def group_lock(request, set_id: int, group_id: int):
    group_set = _set_or_404(request, set_id)
    group = (
        Group.objects.filter(round__group_set=group_set, pk=group_id)
        .select_related("round")
        .first()
    )
    if group is None:
        raise Http404("No such group.")
    try:
        services.group_lock(
            group=group, member=request.membership, locked=request.POST.get("locked") == "1"
        )
    except Refused as refusal:
        messages.error(request, refusal.message)
    return redirect(f"{group_set.get_absolute_url()}#group-{group.pk}")


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
