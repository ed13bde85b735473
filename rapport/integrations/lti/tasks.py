"""LTI's background work: one roster sync, its progress kept on its RosterSync row."""

from huey.contrib.djhuey import db_task


@db_task()
def roster_sync_task(sync_id: int) -> None:
    from rapport.integrations.lti.roster_sync import roster_sync_run

    roster_sync_run(sync_id=sync_id)
