"""A person's data export: asked for on their account page, built by a task, downloaded
by them alone until it expires."""

import logging
import tempfile
from datetime import datetime

from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone

from rapport.core.progress import progress_forget, progress_report
from rapport.core.refusals import Refused
from rapport.privacy.exporting import export_write
from rapport.privacy.models import EXPORT_KEEP, DataExport, ExportStatus

log = logging.getLogger(__name__)


def data_export_request(*, user) -> DataExport:
    """Start building ``user``'s export — refused while one is being built. An earlier
    finished export is deleted: only the newest is kept."""
    if DataExport.objects.filter(user=user, status=ExportStatus.BUILDING).exists():
        raise Refused(
            "Your data is already being gathered. This page shows when it is ready.",
            code="export_building",
        )
    try:
        with transaction.atomic():
            for old in DataExport.objects.filter(user=user).select_for_update():
                _file_forget_on_commit(old)
                old.delete()
            export = DataExport.objects.create(user=user)
    except IntegrityError as race:  # another request started one a moment ago
        raise Refused(
            "Your data is already being gathered. This page shows when it is ready.",
            code="export_building",
        ) from race
    from rapport.privacy.tasks import build_data_export

    transaction.on_commit(lambda: build_data_export(export.pk))
    return export


def data_export_build(*, export_id: int) -> DataExport | None:
    export = DataExport.objects.select_related("user").filter(pk=export_id).first()
    if export is None or export.status != ExportStatus.BUILDING:
        return export
    try:
        with tempfile.TemporaryFile() as target:
            export_write(
                export.user,
                target,
                on_progress=lambda done: progress_report(export.progress_key, done * 0.99),
            )
            size = target.tell()
            target.seek(0)
            now = timezone.now()
            export.file.save("export.zip", File(target), save=False)
    except Exception:
        # The log names the export only: what it holds stays out of logs.
        log.exception("Data export %s failed", export.pk)
        DataExport.objects.filter(pk=export.pk).update(status=ExportStatus.FAILED)
        progress_forget(export.progress_key)
        export.status = ExportStatus.FAILED
        return export
    export.status = ExportStatus.READY
    export.size_bytes = size
    export.ready_at = now
    export.expires_at = now + EXPORT_KEEP
    export.save(update_fields=["file", "status", "size_bytes", "ready_at", "expires_at"])
    progress_forget(export.progress_key)
    return export


def _file_forget_on_commit(export: DataExport) -> None:
    if export.file:
        name, storage = export.file.name, export.file.storage
        transaction.on_commit(lambda: storage.delete(name))


def data_exports_expire(*, now: datetime | None = None) -> int:
    """Delete exports past their date, files too; and exports stuck building for a day
    (a task that died), so their owner may ask again."""
    now = now or timezone.now()
    with transaction.atomic():
        gone = list(
            DataExport.objects.filter(expires_at__lte=now)
            | DataExport.objects.filter(
                status=ExportStatus.BUILDING, created_at__lte=now - timezone.timedelta(days=1)
            )
        )
        for export in gone:
            _file_forget_on_commit(export)
        DataExport.objects.filter(pk__in=[export.pk for export in gone]).delete()
    return len(gone)
