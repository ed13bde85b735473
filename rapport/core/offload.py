"""Letting something faster than Python send a stored file, once the view has checked who
is asking.

- Files in an S3-compatible bucket: a redirect to a link signed for a short while
  (settings.MEDIA_LINK_SECONDS) that names the type, disposition and caching the bucket must
  answer with. The bucket serves ranges itself, so seeking in a video never downloads the
  whole file through a web server (django-storages' File.open does, at every request).
- Files on this machine's disk behind nginx (settings.MEDIA_ACCEL_REDIRECT): an empty
  response whose X-Accel-Redirect header names the file for nginx's `internal` location.

Otherwise None, and the view streams the file itself."""

import re
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db.models.fields.files import FieldFile
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.http import content_disposition_header

_MAX_AGE = re.compile(r"max-age=(\d+)")


def is_bucket(storage) -> bool:
    """Whether ``storage`` keeps its files in an S3-compatible bucket (told by its classes'
    names: this module imports no storage backend)."""
    kind = storage.__class__  # the real class, also of a lazy storage not yet set up
    return any(
        (base.__module__, base.__qualname__) == ("storages.backends.s3", "S3Storage")
        for base in kind.__mro__
    )


def offloaded_response(
    field_file: FieldFile,
    *,
    content_type: str,
    cache_control: str,
    filename: str | None = None,
    as_attachment: bool = False,
) -> HttpResponse | None:
    """A response handing ``field_file`` to the bucket or to nginx, or None. The file is
    sent as ``content_type`` with ``cache_control``; a ``filename`` or ``as_attachment``
    adds a Content-Disposition."""
    storage, name = field_file.storage, field_file.name
    disposition = (
        content_disposition_header(as_attachment, filename) if filename or as_attachment else None
    )
    if is_bucket(storage):
        return _signed_link_redirect(storage, name, content_type, cache_control, disposition)
    if settings.MEDIA_ACCEL_REDIRECT and isinstance(storage, FileSystemStorage):
        return _accel_redirect(name, content_type, cache_control, disposition)
    return None


def _signed_link_redirect(storage, name, content_type, cache_control, disposition):
    parameters = {"ResponseContentType": content_type, "ResponseCacheControl": cache_control}
    if disposition:
        parameters["ResponseContentDisposition"] = disposition
    link_seconds = settings.MEDIA_LINK_SECONDS
    response = HttpResponseRedirect(storage.url(name, parameters=parameters, expire=link_seconds))
    # A page of faces may reuse the redirect, and then the bucket's answer, as long as the
    # file itself may be kept — but never past half the link's life, so a kept redirect
    # still leads somewhere. Without a max-age, each use asks again (and is checked again).
    kept = _MAX_AGE.search(cache_control)
    seconds = min(int(kept.group(1)), link_seconds // 2) if kept else 0
    response["Cache-Control"] = f"private, max-age={seconds}" if seconds else "private, no-store"
    return response


def _accel_redirect(name, content_type, cache_control, disposition):
    # nginx keeps these headers of ours and adds the file's length, ranges and ETag.
    response = HttpResponse(content_type=content_type)
    response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_REDIRECT + quote(name)
    response["Cache-Control"] = cache_control
    response["X-Content-Type-Options"] = "nosniff"
    if disposition:
        response["Content-Disposition"] = disposition
    return response
