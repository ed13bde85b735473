"""Building data exports, and each night: expired exports deleted, and each course's
recordings and check-ins deleted when its retention rule says so."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from rapport.privacy import services


@db_task()
def build_data_export(export_id: int) -> None:
    services.data_export_build(export_id=export_id)


@db_periodic_task(crontab(minute="20", hour="3"))
def expire_data_exports() -> int:
    return services.data_exports_expire()


@db_periodic_task(crontab(minute="40", hour="3"))
def apply_course_retention() -> int:
    return services.retention_apply_all()
