"""The course's rituals, and the teaching team setting one up, changing it and opening
this week's round now."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from rapport.community.models.rituals import PRESETS, RitualPreset
from rapport.community.rituals import selectors, services
from rapport.community.rituals.forms import RitualEditForm, RitualForm, preset_initial
from rapport.community.rituals.views.common import ritual_or_404
from rapport.core.refusals import Refused
from rapport.courses.access import STAFF, course_access


@course_access()
@require_safe
def ritual_list(request):
    rituals = selectors.rituals_for(course=request.course, user=request.user)
    return render(
        request,
        "community/rituals/list.html",
        {"rituals": rituals, "presets": [(key, PRESETS[key]) for key in RitualPreset.values]},
    )


@course_access(STAFF)
@require_http_methods(["GET", "POST"])
def ritual_new(request):
    preset = request.POST.get("preset") or request.GET.get("preset") or RitualPreset.CUSTOM
    if preset not in RitualPreset.values:
        preset = RitualPreset.CUSTOM
    form = RitualForm(
        request.POST if request.method == "POST" else None,
        course=request.course,
        initial=preset_initial(preset),
    )
    if form.is_bound and form.is_valid():
        try:
            ritual = services.ritual_create(
                course=request.course, actor=request.user, preset=preset, **form.cleaned_data
            )
        except Refused as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        else:
            messages.success(
                request,
                f"“{ritual.title}” is set up. Its first round opens on schedule — or open it now.",
            )
            return redirect(ritual)
    return render(
        request,
        "community/rituals/form.html",
        {"form": form, "preset": preset, "preset_label": RitualPreset(preset).label},
    )


@course_access(STAFF)
@require_http_methods(["GET", "POST"])
def ritual_edit(request, ritual_id: int):
    ritual = ritual_or_404(request, ritual_id)
    form = RitualEditForm(
        request.POST if request.method == "POST" else None,
        course=request.course,
        initial={
            "title": ritual.title,
            "prompts": ritual.prompts,
            "weekday": ritual.weekday,
            "time_of_day": ritual.time_of_day,
            "open_days": ritual.open_days,
            "featuring": ritual.featuring,
            "paused": ritual.is_paused,
        },
    )
    if form.is_bound and form.is_valid():
        try:
            services.ritual_update(ritual=ritual, actor=request.user, **form.cleaned_data)
        except Refused as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        else:
            messages.success(request, f"Saved “{ritual.title}”.")
            return redirect(ritual)
    return render(request, "community/rituals/form.html", {"form": form, "ritual": ritual})


@course_access(STAFF)
@require_POST
def ritual_open_now(request, ritual_id: int):
    ritual = ritual_or_404(request, ritual_id)
    try:
        round_ = services.ritual_open_now(ritual=ritual, actor=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
        return redirect(ritual)
    messages.success(request, "This week's round is open. Learners are being told now.")
    return redirect(round_)
