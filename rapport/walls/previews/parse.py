"""Reading a link's preview (title, description, image, site name) from its page's head.

Pages describe themselves for link previews with Open Graph tags (``og:title`` and friends),
Twitter card tags, or at least a ``<title>`` and a ``<meta name="description">``; they are
read in that order. Only the head matters, so parsing stops at ``</head>`` (or ``<body>``) and
never looks past the first 200 KB. Everything read is page-controlled text: whitespace and
control characters are tidied, lengths are capped, and the image is kept only if it is an
http(s) URL, so that a ``javascript:`` "image" never reaches a card."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

TITLE_LIMIT = 200
DESCRIPTION_LIMIT = 500
SITE_NAME_LIMIT = 100
IMAGE_URL_LIMIT = 2048
SCAN_LIMIT = 200_000  # bytes (or characters, for text) of the page to look through
PRESCAN_LIMIT = 8192  # bytes searched for a <meta charset>
FEED_SIZE = 8192

TITLE_KEYS = ("og:title", "twitter:title")
DESCRIPTION_KEYS = ("og:description", "twitter:description", "description")
IMAGE_KEYS = ("og:image", "og:image:url", "og:image:secure_url", "twitter:image")
SITE_NAME_KEYS = ("og:site_name",)

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)""", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Labels browsers read as windows-1252 (the WHATWG encoding standard says so), where Python
# would read Latin-1 or ASCII and get the curly quotes and dashes of 0x80-0x9F wrong.
_WINDOWS_1252 = frozenset(
    {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii"}
)
# Control characters, and the bidirectional overrides that could make a title read backwards.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Preview:
    """What a wall card shows for a link. Anything the page did not say is None."""

    url: str
    title: str | None = None
    description: str | None = None
    image_url: str | None = None
    site_name: str | None = None


def page_preview(html: bytes | str, *, page_url: str, charset: str | None = None) -> Preview:
    """The preview of the page at ``page_url`` whose HTML is ``html``. ``charset`` is the one
    the Content-Type header named, if any; it beats a ``<meta charset>`` in the page."""
    text = html[:SCAN_LIMIT] if isinstance(html, str) else decode(html[:SCAN_LIMIT], charset)
    head = _HeadParser()
    head.read(text)
    title = _first(head.meta, TITLE_KEYS) or head.title or ""
    # An unusable og:image (javascript:, data:) gives way to the next tag that names one.
    images = (_image_url(head.meta[key], page_url) for key in IMAGE_KEYS if key in head.meta)
    return Preview(
        url=page_url,
        title=_clean(title, TITLE_LIMIT),
        description=_clean(_first(head.meta, DESCRIPTION_KEYS) or "", DESCRIPTION_LIMIT),
        image_url=next((image for image in images if image), None),
        site_name=_clean(_first(head.meta, SITE_NAME_KEYS) or "", SITE_NAME_LIMIT),
    )


def image_preview(url: str) -> Preview:
    """The preview of a link straight to an image: the image itself, titled by its file
    name (or the site's name, for an image at the root)."""
    parts = urlsplit(url)
    name = unquote(parts.path.rstrip("/").rpartition("/")[2]) or parts.hostname or url
    return Preview(url=url, title=_clean(name, TITLE_LIMIT), image_url=url)


def decode(data: bytes, charset: str | None) -> str:
    """Decode a page as a browser would, roughly: a byte-order mark first, then the
    Content-Type's charset, then a ``<meta charset>``, then UTF-8; never failing."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    declared = _META_CHARSET.search(data[:PRESCAN_LIMIT])
    meta_charset = declared.group(1).decode("ascii") if declared else None
    if meta_charset and meta_charset.lower().startswith(("utf-16", "utf-32")):
        meta_charset = "utf-8"  # a page that can read its own meta tag as ASCII is not UTF-16
    for label in (charset, meta_charset):
        text = _decode_as(data, label)
        if text is not None:
            return text
    return data.decode("utf-8", errors="replace")


def _decode_as(data: bytes, label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    codec = "cp1252" if label in _WINDOWS_1252 else label
    try:
        return data.decode(codec, errors="replace")
    except LookupError:  # unknown, or not a text encoding at all ("base64")
        return None


class _HeadParser(HTMLParser):
    """Collects the ``<meta>`` tags (by ``property`` or ``name``) and the ``<title>`` of a
    page's head, the first of each kept."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title: str | None = None
        self.finished = False
        self._title_parts: list[str] | None = None

    def read(self, text: str) -> None:
        """Feed ``text`` a piece at a time, stopping once the head is over."""
        for start in range(0, len(text), FEED_SIZE):
            if self.finished:
                return
            try:
                self.feed(text[start : start + FEED_SIZE])
            except AssertionError:  # _markupbase's complaint about a broken <!declaration>
                return

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.finished:
            return
        if tag == "meta":
            values = dict(attrs)
            key = (values.get("property") or values.get("name") or "").strip().lower()
            content = values.get("content") or ""
            if key and content.strip() and key not in self.meta:
                self.meta[key] = content
        elif tag == "title" and self.title is None:
            self._title_parts = []
        elif tag == "body":
            self.finished = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._title_parts is not None:
            self.title = "".join(self._title_parts)
            self._title_parts = None
        elif tag == "head":
            self.finished = True

    def handle_data(self, data: str) -> None:
        if self._title_parts is not None:
            self._title_parts.append(data)


def _first(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((meta[key] for key in keys if key in meta), None)


def _clean(text: str, limit: int) -> str | None:
    """One line of printable text, at most ``limit`` characters (cut at a word, with an
    ellipsis, when it is longer); None when nothing is left."""
    text = " ".join(_UNPRINTABLE.sub(" ", text).split())
    if len(text) > limit:
        cut = text[: limit - 1]
        space = cut.rfind(" ")
        if text[limit - 1] != " " and space > limit // 2:  # not already at a word's end
            cut = cut[:space]
        text = cut.rstrip(" ,;:.-") + "…"
    return text or None


def _image_url(value: str, page_url: str) -> str | None:
    """``value`` made absolute against the page, if it is an http(s) URL of sane length."""
    try:
        url = urljoin(page_url, value.strip())
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url if len(url) <= IMAGE_URL_LIMIT else None
