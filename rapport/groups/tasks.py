"""The groups' background work: forming a group set (with its progress on the set), and
publishing each planned round when it starts."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from rapport.groups.models import GroupSet


@db_task()
def form_group_set(group_set_id: int) -> None:
    from rapport.groups.services import group_set_form

    group_set = GroupSet.objects.filter(pk=group_set_id).select_related("course").first()
    if group_set is not None:
        group_set_form(group_set=group_set)


@db_periodic_task(crontab(minute="*/10"))
def publish_due_rounds() -> None:
    from rapport.groups.services import rounds_publish_due

    rounds_publish_due()
