"""Background work for media. Enqueued by services after their transaction commits."""

from huey.contrib.djhuey import db_task

from rapport.media import services


@db_task()
def media_process(media_id: int) -> None:
    services.media_process(media_id=media_id)
