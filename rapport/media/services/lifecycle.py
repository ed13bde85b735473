"""The end of a recording's life: deleting it with its files, the sweeps that retry or fail
recordings whose processing stopped (a worker died mid-task) and remove recordings nobody
attached. The per-person storage quota is in quota.py.

Files leave storage only once the deleting transaction commits, so a rollback never leaves
a row that points at nothing."""

import contextlib
import os
import posixpath
from datetime import datetime, timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone

from rapport.media.models import Audience, MediaItem, MediaStatus
from rapport.media.services.processing import _fail as fail_processing

# Longer than any real conversion of a 10-minute recording; then the worker is gone.
STUCK_AFTER = timedelta(minutes=30)
UNATTACHED_AFTER = timedelta(hours=24)
STOPPED_PROCESSING = (
    "Processing this recording stopped partway twice, so it can't be used. Please record "
    "or upload it again."
)


@transaction.atomic
def media_delete(*, media: MediaItem) -> None:
    """Delete ``media`` (its captions go with it) and, once that commits, its original,
    playback file and poster. Every feature that deletes a recording's owner calls this."""
    files = [(field.storage, field.name) for field in _files(media)]
    MediaItem.objects.filter(pk=media.pk).delete()
    transaction.on_commit(partial(_remove_files, files))


def _files(media: MediaItem):
    return [field for field in (media.original, media.playback, media.poster) if field]


def _remove_files(files) -> None:
    folders = set()
    for storage, name in files:
        with contextlib.suppress(OSError):
            storage.delete(name)
        folders.add((storage, posixpath.dirname(name)))
    for storage, folder in folders:
        # A recording's files share a folder of their own; leave no empty one behind.
        with contextlib.suppress(OSError, NotImplementedError):
            os.rmdir(storage.path(folder))


def media_sweep_stuck(*, now: datetime | None = None) -> tuple[int, int]:
    """Recordings PROCESSING for longer than STUCK_AFTER: queue each again once, then fail
    it with a reason its owner is told. Returns (retried, failed)."""
    now = now or timezone.now()
    cutoff = now - STUCK_AFTER
    stuck = MediaItem.objects.filter(status=MediaStatus.PROCESSING)
    retried = failed = 0
    for item in stuck.filter(processing_retried_at__isnull=True, created_at__lt=cutoff):
        with transaction.atomic():
            marked = MediaItem.objects.filter(
                pk=item.pk, status=MediaStatus.PROCESSING, processing_retried_at__isnull=True
            ).update(processing_retried_at=now)
            if marked:
                transaction.on_commit(partial(_enqueue_processing, item.pk))
                retried += 1
    for item in stuck.filter(processing_retried_at__lt=cutoff):
        failed += fail_processing(item, STOPPED_PROCESSING) is not None
    return retried, failed


def _enqueue_processing(media_id: int) -> None:
    from rapport.media.tasks import media_process

    media_process(media_id)


def unattached(queryset=None):
    """Recordings no feature has attached (``media_attach`` sets an audience or a person)."""
    queryset = MediaItem.objects.all() if queryset is None else queryset
    return queryset.filter(audience=Audience.PRIVATE, audience_user__isnull=True)


def media_sweep_unattached(*, now: datetime | None = None) -> int:
    """Delete recordings made more than UNATTACHED_AFTER ago and never attached to
    anything: a recording abandoned in a form nobody sent."""
    now = now or timezone.now()
    removed = 0
    for item in unattached().filter(created_at__lt=now - UNATTACHED_AFTER):
        with transaction.atomic():
            # Re-read under lock: it may have been attached since the list was read.
            current = MediaItem.objects.select_for_update().filter(pk=item.pk).first()
            if current is not None and not current.is_attached:
                media_delete(media=current)
                removed += 1
    return removed
