"""A person's data page (download my data, delete my account), the page of what this
instance sends anywhere, and a course's retention setting."""

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from rapport.core.files import private_file_response
from rapport.core.progress import progress_read
from rapport.core.refusals import Refused
from rapport.courses.access import INSTRUCTOR, course_access
from rapport.privacy import services
from rapport.privacy.forms import EraseForm, RetentionForm
from rapport.privacy.models import DataExport, ExportStatus
from rapport.privacy.outbound import outbound_summary


def _latest_export(user) -> DataExport | None:
    export = DataExport.objects.filter(user=user).first()
    if export is not None and export.is_expired():
        return None
    return export


def _export_context(export: DataExport | None) -> dict:
    percent = 0
    if export is not None and export.status == ExportStatus.BUILDING:
        percent = progress_read(export.progress_key)
    return {"export": export, "percent": percent}


@login_required
@require_safe
def my_data(request):
    context = _export_context(_latest_export(request.user))
    context["blockers"] = services.erasure_blockers(user=request.user)
    return render(request, "privacy/my_data.html", context)


@login_required
@require_POST
def export_request(request):
    try:
        services.data_export_request(user=request.user)
    except Refused as refusal:
        messages.info(request, refusal.message)
    else:
        messages.success(
            request, "We're gathering your data. This page shows when it's ready to download."
        )
    return redirect("privacy:my_data")


def _own_export_or_404(request, export_id: int) -> DataExport:
    export = DataExport.objects.filter(pk=export_id, user=request.user).first()
    if export is None or export.is_expired():
        raise Http404("No such export.")
    return export


@login_required
@require_safe
def export_progress(request, export_id: int):
    """The export's card, for the data page to poll with htmx; without htmx, that page."""
    export = _own_export_or_404(request, export_id)
    if not request.htmx:
        return redirect("privacy:my_data")
    return render(request, "privacy/_export.html", _export_context(export))


@login_required
@require_safe
def export_download(request, export_id: int):
    export = _own_export_or_404(request, export_id)
    if export.status != ExportStatus.READY:
        raise Http404("This export isn't ready.")
    stamp = timezone.localdate(export.ready_at).isoformat()
    return private_file_response(
        export.file,
        content_type="application/zip",
        download_name=f"rapport-my-data-{stamp}.zip",
        cache_control="no-store",
    )


@login_required
@reauthentication_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    """What deleting the account does, and the button — shown only after the person has
    just confirmed who they are (password, or a code by email)."""
    blockers = services.erasure_blockers(user=request.user)
    form = EraseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not blockers and form.is_valid():
        try:
            services.account_erase(user=request.user)
        except Refused as refusal:
            blockers = [refusal.message]
        else:
            logout(request)
            messages.success(
                request, "Your account and your data are deleted. Goodbye, and thank you."
            )
            return redirect("account_login")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "privacy/account_delete.html", {"form": form, "blockers": blockers}, status=status
    )


@require_safe
def outbound(request):
    return render(request, "privacy/outbound.html", outbound_summary())


@course_access(INSTRUCTOR)
@require_POST
def retention(request):
    form = RetentionForm(request.POST)
    if form.is_valid():
        try:
            rule = services.course_retention_set(
                course=request.course, actor=request.user, days=form.cleaned_data["days"]
            )
        except Refused as refusal:
            form.add_error("days", refusal.message)
        else:
            if rule.days is None:
                messages.success(request, "Recordings and check-ins are kept.")
            else:
                messages.success(
                    request,
                    f"Recordings and check-ins will be deleted {rule.days} days after the "
                    "course ends.",
                )
            return redirect("courses:settings", course_slug=request.course.slug)
    for error in form.errors.get("days", []):
        messages.error(request, error)
    return redirect("courses:settings", course_slug=request.course.slug)
