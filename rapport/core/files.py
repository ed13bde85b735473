"""Files people share: recognised by their content, never by their name or the type the
browser claimed (``check_upload``: a resource in the library, a piece of work shown to a
group), images re-encoded so no metadata (GPS!) survives; and serving a stored file that
only some people may see (a profile photo, a name recording, a photo in a post) once the
view has checked who is asking (``private_file_response``)."""

import codecs
import io
import re
import warnings
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils.http import content_disposition_header
from PIL import Image, ImageOps

from rapport.core.offload import offloaded_response

MAX_BYTES = 20 * 1024 * 1024
MAX_IMAGE_SIDE = 12_000
READ_CHUNK = 256 * 1024

ACCEPTED = (
    "a PDF, a PNG or JPEG image, a plain-text file, or a Word (.docx) or PowerPoint (.pptx) file"
)
NOT_ACCEPTED = f"We can't tell what kind of file that is. You can share {ACCEPTED}."
EMPTY = "That file is empty."


@dataclass(frozen=True)
class Kind:
    label: str
    content_type: str
    extensions: tuple[str, ...]  # the first is the one we give a name that has none

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


PDF = Kind("a PDF", "application/pdf", ("pdf",))
PNG = Kind("a PNG image", "image/png", ("png",))
JPEG = Kind("a JPEG image", "image/jpeg", ("jpg", "jpeg"))
TEXT = Kind("a plain-text file", "text/plain; charset=utf-8", ("txt", "text", "md", "csv"))
DOCX = Kind(
    "a Word document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ("docx",),
)
PPTX = Kind(
    "a PowerPoint presentation",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ("pptx",),
)
KINDS = (PDF, PNG, JPEG, TEXT, DOCX, PPTX)
_BY_EXTENSION = {ext: kind for kind in KINDS for ext in kind.extensions}
# A file input's ``accept``: what the browser's picker offers (the content decides anyway).
ACCEPT = ",".join(
    [f".{ext}" for kind in KINDS for ext in kind.extensions]
    + [kind.content_type.split(";")[0] for kind in KINDS]
)


def kind_named(name: str) -> Kind | None:
    """The kind of a file ``check_upload`` named: its extension agrees with its content."""
    return _BY_EXTENSION.get(name.rpartition(".")[2].lower())


@dataclass(frozen=True)
class CheckedFile:
    kind: Kind
    name: str
    size: int
    # Re-encoded bytes for images; None means "store the upload as it is".
    content: bytes | None = None


def check_upload(upload) -> CheckedFile:
    """What ``upload`` really is, or a ValidationError saying why it can't be used."""
    size = upload.size or 0
    if size > MAX_BYTES:
        raise ValidationError(
            f"That file is {filesizeformat(size)}; the limit is {filesizeformat(MAX_BYTES)}.",
            code="too_big",
        )
    if size == 0:
        raise ValidationError(EMPTY, code="empty")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    kind = _sniff(upload, head)
    name = _name_for(upload.name or "", kind)
    content = _reencoded(upload, kind) if kind in (PNG, JPEG) else None
    upload.seek(0)
    return CheckedFile(
        kind=kind, name=name, size=len(content) if content else size, content=content
    )


def _sniff(upload, head: bytes) -> Kind:
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(upload)
    if _is_text(upload):
        return TEXT
    raise ValidationError(NOT_ACCEPTED, code="unknown_type")


def _office_kind(upload) -> Kind:
    """A .docx or .pptx is a zip with a known layout. Only the directory is read: nothing
    is unpacked, so a zip bomb costs nothing. Macro-enabled documents are refused."""
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ValidationError(NOT_ACCEPTED, code="unknown_type") from error
    if "[Content_Types].xml" not in names:
        raise ValidationError(NOT_ACCEPTED, code="unknown_type")
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise ValidationError(
            "That document contains macros, which we don't share. Save it as a plain .docx "
            "or .pptx and try again.",
            code="macros",
        )
    if "word/document.xml" in names:
        return DOCX
    if "ppt/presentation.xml" in names:
        return PPTX
    raise ValidationError(
        "That looks like a zip archive, not a Word or PowerPoint file. " + NOT_ACCEPTED,
        code="unknown_type",
    )


def _is_text(upload) -> bool:
    """UTF-8 text with no control characters besides tabs and line breaks — decoded as a
    stream, so a large file is never held whole in memory."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    upload.seek(0)
    try:
        while chunk := upload.read(READ_CHUNK):
            if _CONTROL.search(decoder.decode(chunk)):
                return False
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        upload.seek(0)
    return True


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _name_for(original: str, kind: Kind) -> str:
    """The name to download it as: the uploaded name, cleaned, whose extension must agree
    with what the content is."""
    base = original.replace("\\", "/").rsplit("/", 1)[-1].strip()
    stem, dot, extension = base.rpartition(".")
    if not dot:
        stem, extension = base, ""
    extension = extension.lower()
    if extension and extension != kind.extensions[0] and extension not in kind.extensions:
        claimed = _BY_EXTENSION.get(extension)
        what = claimed.label if claimed else f"a .{extension} file"
        raise ValidationError(
            f"“{base}” is named like {what}, but its contents are {kind.label}. Choose the "
            "right file, or rename it to match what it is.",
            code="mismatch",
        )
    stem = re.sub(r"[^\w\s.()-]+", "", stem).strip(" .")[:120] or "resource"
    return f"{stem}.{extension or kind.extensions[0]}"


def _reencoded(upload, kind: Kind) -> bytes:
    data = upload.read(MAX_BYTES + 1)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=("PNG", "JPEG"))
            width, height = image.size
            if width > MAX_IMAGE_SIDE or height > MAX_IMAGE_SIDE:
                raise ValidationError(
                    f"That image is {width} × {height} pixels; the limit is {MAX_IMAGE_SIDE} "
                    "pixels on each side.",
                    code="too_large",
                )
            image = ImageOps.exif_transpose(image)
            out = io.BytesIO()
            if kind is PNG:
                keep = image.mode if image.mode in ("1", "L", "LA", "P", "RGB", "RGBA") else "RGBA"
                image.convert(keep).save(out, format="PNG", optimize=True)
            else:
                image.convert("RGB").save(out, format="JPEG", quality=90, optimize=True)
        except ValidationError:
            raise
        except Exception as error:
            # Broken images fail in many ways (OSError, SyntaxError, struct.error...); to the
            # person they all mean one thing.
            raise ValidationError(
                f"That file starts like {kind.label} but we couldn't read it. Try saving it again.",
                code="broken_image",
            ) from error
    if out.tell() > MAX_BYTES:
        raise ValidationError(
            f"That image is over {filesizeformat(MAX_BYTES)} once saved; try a smaller copy.",
            code="too_big",
        )
    return out.getvalue()


# --- serving --------------------------------------------------------------------------

# Kept by the viewer's own browser only, never a shared cache: long enough that a page of
# faces doesn't refetch each one, short enough that hiding a photo takes effect soon.
PRIVATE_CACHE_CONTROL = "private, max-age=600"


def private_file_response(
    field_file: FieldFile,
    *,
    content_type: str,
    download_name: str | None = None,
    cache_control: str = PRIVATE_CACHE_CONTROL,
) -> HttpResponse:
    """Stream ``field_file`` as ``content_type`` (a download named ``download_name``, if
    given); Http404 when the field is empty or its file has gone from storage. The type is
    ours, not the browser's guess (``nosniff``), so an upload can never be read as a page.
    The headers are set for whoever sends the bytes: this response, or the bucket or nginx
    it hands the file to."""
    if not field_file:
        raise Http404("Nothing here.")
    offloaded = offloaded_response(
        field_file,
        content_type=content_type,
        cache_control=cache_control,
        filename=download_name,
        as_attachment=download_name is not None,
    )
    if offloaded is not None:
        return offloaded  # the bucket or nginx sends it (rapport.core.offload)
    try:
        handle = field_file.storage.open(field_file.name, "rb")
    except FileNotFoundError as error:
        raise Http404("Nothing here.") from error
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = cache_control
    response["X-Content-Type-Options"] = "nosniff"
    if download_name is not None:
        response["Content-Disposition"] = content_disposition_header(True, download_name)
    return response
