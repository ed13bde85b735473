"""Background work for media. Enqueued by services after their transaction commits; the
sweeps run on their own."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from rapport.media import services


@db_task()
def media_process(media_id: int) -> None:
    services.media_process(media_id=media_id)


@db_task()
def caption_timing_run(timing_id: int) -> None:
    """Pasted text timed to its recording: a few seconds of CPU a minute of speech."""
    services.caption_timing_run(timing_id=timing_id)


@db_periodic_task(crontab(minute="*/5"))
def media_sweep_stuck() -> tuple[int, int]:
    """Processing that a dead worker left half done: queued again once, then failed."""
    return services.media_sweep_stuck()


@db_periodic_task(crontab(minute="*/10"))
def caption_timing_sweep_stuck() -> int:
    """Timings whose run died with its worker: failed, so the page stops saying working."""
    return services.caption_timing_sweep_stuck()


@db_periodic_task(crontab(minute="17"))
def media_sweep_unattached() -> int:
    """Recordings nobody attached within a day: abandoned in a form, never sent."""
    return services.media_sweep_unattached()
