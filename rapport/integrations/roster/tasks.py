"""Class list imports in the task queue, and the clean-up of uploads nobody imported."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


@db_task()
def run_roster_import(roster_import_id: int) -> None:
    from rapport.integrations.roster.models import ImportStatus, RosterImport
    from rapport.integrations.roster.services import roster_import_run

    roster_import = (
        RosterImport.objects.filter(pk=roster_import_id, status=ImportStatus.RUNNING)
        .select_related("course", "created_by")
        .first()
    )
    if roster_import is not None:
        roster_import_run(roster_import=roster_import)


@db_periodic_task(crontab(minute="17"))
def delete_unused_uploads() -> int:
    from rapport.integrations.roster.services import unused_uploads_delete

    return unused_uploads_delete()
