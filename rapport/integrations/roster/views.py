"""Importing a class list: upload, check how it is read (columns, preview), import with a
progress bar. Instructors only: an import adds and removes people by the hundred and can
place staff, which TAs do nowhere else in Rapport."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from rapport.core.progress import progress_read
from rapport.core.refusals import Refused
from rapport.courses.access import INSTRUCTOR, course_access
from rapport.integrations.roster import services
from rapport.integrations.roster.forms import MappingForm, UploadForm
from rapport.integrations.roster.models import ImportStatus, RosterImport
from rapport.integrations.roster.services import outcome_from_dict

RECENT_IMPORTS = 10


@course_access(INSTRUCTOR)
@require_http_methods(["GET", "POST"])
def import_start(request):
    posted = request.method == "POST"
    form = UploadForm(request.POST if posted else None, request.FILES if posted else None)
    if form.is_bound and form.is_valid():
        try:
            roster_import = services.roster_import_upload(
                course=request.course, actor=request.user, upload=form.cleaned_data["file"]
            )
        except Refused as refusal:
            form.add_error("file", refusal.message)
        else:
            return redirect(roster_import.get_absolute_url())
    imports = RosterImport.objects.filter(course=request.course).select_related("created_by")
    return render(
        request,
        "roster/import_start.html",
        {"form": form, "imports": imports[:RECENT_IMPORTS]},
        status=400 if form.is_bound else 200,
    )


def _import_or_404(request, import_id: int) -> RosterImport:
    found = RosterImport.objects.filter(course=request.course, pk=import_id).first()
    if found is None:
        raise Http404("No such class list.")
    found.course = request.course
    return found


@course_access(INSTRUCTOR)
@require_http_methods(["GET", "POST"])
def import_review(request, import_id: int):
    roster_import = _import_or_404(request, import_id)
    if roster_import.status != ImportStatus.UPLOADED:
        return render(request, "roster/import_review.html", _progress_context(roster_import))
    try:
        table = services.roster_import_table(roster_import)
    except Refused as refusal:
        context = {"roster_import": roster_import, "problem": refusal.message}
        return render(request, "roster/import_review.html", context)
    initial = {**roster_import.mapping, "class_id": roster_import.class_id}
    initial["remove_missing"] = roster_import.remove_missing
    data = request.POST if request.method == "POST" else None
    form = MappingForm(data, table=table, initial=initial)
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
    elif form.is_bound:
        try:
            services.roster_import_configure(
                roster_import=roster_import,
                actor=request.user,
                mapping=form.mapping(),
                class_id=form.cleaned_data.get("class_id", roster_import.class_id),
                remove_missing=form.cleaned_data["remove_missing"],
            )
            if request.POST.get("action") == "import":
                services.roster_import_start(roster_import=roster_import, actor=request.user)
                return redirect(roster_import.get_absolute_url())
        except Refused as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
            status = 400
    preview = services.roster_import_preview(roster_import=roster_import, actor=request.user)
    context = {"roster_import": roster_import, "form": form, "preview": preview}
    return render(request, "roster/import_review.html", context, status=status)


def _progress_context(roster_import: RosterImport) -> dict:
    percent = roster_import.progress
    if roster_import.is_running:
        percent = progress_read(services.progress_key(roster_import.pk), percent)
    outcome = outcome_from_dict(roster_import.outcome) if roster_import.outcome else None
    return {"roster_import": roster_import, "percent": percent, "outcome": outcome}


@course_access(INSTRUCTOR)
@require_safe
def import_progress(request, import_id: int):
    """The progress card, for the page to poll with htmx; without htmx, the whole page."""
    roster_import = _import_or_404(request, import_id)
    if not request.htmx:
        return redirect(roster_import.get_absolute_url())
    return render(request, "roster/_progress.html", _progress_context(roster_import))


@course_access(INSTRUCTOR)
@require_POST
def import_discard(request, import_id: int):
    roster_import = _import_or_404(request, import_id)
    try:
        services.roster_import_discard(roster_import=roster_import, actor=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
        return redirect(roster_import.get_absolute_url())
    messages.success(request, f"{roster_import.file_name or 'The class list'} was deleted.")
    return redirect("roster:import_start", course_slug=request.course.slug)
