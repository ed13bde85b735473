"""An upload becomes a MediaItem: checked by size and by content (a quick PyAV probe of
headers and first packets), stored by streaming — moved into place when Django already
spooled it to disk — and queued for processing once the row is committed."""

import os
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from rapport.core.refusals import Refused
from rapport.media import limits, pipeline
from rapport.media.models import Audience, MediaItem, MediaStatus
from rapport.media.services import quota

EMPTY = "That file is empty. Record again, or choose another file."


def media_create_from_upload(*, course, owner, upload) -> MediaItem:
    """Take ``upload`` (a Django UploadedFile or File) as ``owner``'s recording in
    ``course``. Raises Refused — and then nothing is saved: no row, no file."""
    size = upload.size
    if size is not None and size > settings.MEDIA_MAX_BYTES:
        raise Refused(limits.too_big_message(size), code="too_big")
    if not size:
        raise Refused(EMPTY, code="empty")
    _refuse_over_quota(owner, size)
    info = _probe(upload)
    if info.duration is not None and limits.is_too_long(info.duration):
        raise Refused(limits.too_long_message(info.duration), code="too_long")
    item = MediaItem(
        course=course,
        owner=owner,
        kind=info.kind,
        status=MediaStatus.PROCESSING,
        audience=Audience.PRIVATE,
        original_name=_display_name(upload.name),
        size_bytes=size,
        width=info.width,
        height=info.height,
        duration_seconds=info.duration,
    )
    upload.seek(0)
    try:
        with transaction.atomic():
            # Django's storage streams the file in chunks, or moves it when the upload was
            # spooled to a temporary file on the same disk.
            item.original.save(f"original.{info.extension}", upload, save=False)
            # Again under the owner's lock: two uploads at once must not both fit.
            list(get_user_model().objects.select_for_update().filter(pk=owner.pk).values("pk"))
            _refuse_over_quota(owner, size)
            item.save()
            transaction.on_commit(partial(_enqueue_processing, item.pk))
    except BaseException:
        if item.original.name:
            item.original.storage.delete(item.original.name)
        raise
    return item


def _refuse_over_quota(owner, size: int) -> None:
    message = quota.over_quota_message(owner=owner, adding=size)
    if message is not None:
        raise Refused(message, code="over_quota")


def _probe(upload) -> pipeline.Probe:
    temporary_path = getattr(upload, "temporary_file_path", None)
    source = temporary_path() if callable(temporary_path) else getattr(upload, "file", upload)
    if hasattr(source, "seek"):
        source.seek(0)
    try:
        return pipeline.probe(source)
    except pipeline.Unreadable as error:
        raise Refused(error.message, code="unreadable") from error


def _display_name(name: str | None) -> str:
    name = os.path.basename((name or "").replace("\\", "/")).strip()
    return "".join(ch for ch in name if ch.isprintable())[:200]


def _enqueue_processing(media_id: int) -> None:
    from rapport.media.tasks import media_process

    media_process(media_id)
