"""Link previews for class-wall cards: a link shown with its page's title, description and
image, fetched on the server.

``link_preview(url)`` is the one call a wall needs. It either returns a ``Preview`` or raises
``PreviewRefused`` with a sentence to show the person who posted the link; no other exception
gets out, so a hostile or broken page cannot break the wall. The fetch is guarded against
server-side request forgery (see ``fetch``); the preview's ``image_url`` is for the reader's
browser to load, and anything that downloads it on the server must go through ``fetch_page``
too."""

from __future__ import annotations

from .fetch import FetchedPage, PreviewRefused, fetch_page
from .parse import Preview, image_preview, page_preview

__all__ = [
    "FetchedPage",
    "Preview",
    "PreviewRefused",
    "fetch_page",
    "link_preview",
    "preview_image",
]

# A preview's picture is kept re-encoded; a bigger one is left out.
IMAGE_MAX_BYTES = 5 * 1024 * 1024


def link_preview(url: str, **fetch_options: object) -> Preview:
    """The preview of ``url``: its page's tags, or for a link straight to an image, the image
    titled by its file name. ``fetch_options`` go to ``fetch_page`` (timeout, max_bytes,
    max_redirects, and allow_addresses for tests)."""
    page = fetch_page(url, **fetch_options)  # type: ignore[arg-type]
    if page.is_image:
        return image_preview(page.final_url)
    try:
        return page_preview(page.body, page_url=page.final_url, charset=page.charset)
    except Exception as error:  # the parser is lenient; this is the promise kept, not a path
        raise PreviewRefused("The page could not be read.") from error


def preview_image(url: str, **fetch_options: object) -> bytes | None:
    """The bytes of a preview's picture, fetched as safely as the page (the caller decodes
    and re-encodes them), or None when it cannot be had."""
    try:
        page = fetch_page(url, read_images=True, max_bytes=IMAGE_MAX_BYTES, **fetch_options)  # type: ignore[arg-type]
    except PreviewRefused:
        return None
    return page.body if page.is_image and page.body else None
