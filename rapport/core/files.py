"""Serving a stored file that only some people may see (a profile photo, a name recording,
a photo in a post) once the view has checked who is asking."""

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404

# Kept by the viewer's own browser only, never a shared cache: long enough that a page of
# faces doesn't refetch each one, short enough that hiding a photo takes effect soon.
PRIVATE_CACHE_CONTROL = "private, max-age=600"


def private_file_response(field_file: FieldFile, *, content_type: str) -> FileResponse:
    """Stream ``field_file`` as ``content_type``; Http404 when the field is empty or its file
    has gone from storage. The type is ours, not the browser's guess (``nosniff``), so an
    upload can never be read as a page."""
    if not field_file:
        raise Http404("Nothing here.")
    try:
        handle = field_file.storage.open(field_file.name, "rb")
    except FileNotFoundError as error:
        raise Http404("Nothing here.") from error
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = PRIVATE_CACHE_CONTROL
    response["X-Content-Type-Options"] = "nosniff"
    return response
