"""Fetching the page behind a link, for its preview, without letting the link reach inside.

The server fetches whatever URL a user pastes onto a wall, so every step is checked: only
http and https, no user name or password in the link, every address the host name resolves
to must be public (see ``addresses``), the connection goes to the checked address (see
``connection``), and each redirect is checked the same way before it is followed. The whole
fetch has one deadline and one size cap, so a slow or endless page cannot tie a worker up.

Anything refused raises ``PreviewRefused``, whose message can be shown to the user as is."""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from collections.abc import Collection
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from .addresses import IPAddress, IPNetwork, is_allowed, is_refused_name
from .connection import PinnedHTTPConnection, PinnedHTTPSConnection

USER_AGENT = "RapportLinkPreview/1.0"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
MAX_URL_LENGTH = 2048
CHUNK_SIZE = 16 * 1024

NOT_A_PAGE = "That link does not lead to a web page."
PRIVATE = "That address is on a private network."
TOO_LARGE = "The page is too large to preview."
TOO_SLOW = "The page took too long to answer."
INVALID = "That link is not a valid web address."


class PreviewRefused(Exception):
    """The link cannot be previewed; the message says why, in words a user can read."""


@dataclass(frozen=True)
class FetchedPage:
    """What the fetch brought back. For an image, ``body`` is empty: the preview shows the
    image from ``final_url`` and there is nothing to parse."""

    final_url: str
    status: int
    content_type: str  # the media type alone, lower case: "text/html"
    charset: str | None  # from the Content-Type header, if it named one
    body: bytes = b""

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


@dataclass(frozen=True)
class _Target:
    """A checked URL: where to connect and what to ask for."""

    url: str
    scheme: str
    host: str
    port: int
    addresses: tuple[IPAddress, ...]
    path: str


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address ``host`` resolves to. A module-level function so that tests can stand
    in for DNS."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [ipaddress.ip_address(info[4][0]) for info in infos]


def fetch_page(
    url: str,
    *,
    timeout: float = 5.0,
    max_bytes: int = 1_000_000,
    max_redirects: int = 4,
    allow_addresses: Collection[IPNetwork] = frozenset(),
    read_images: bool = False,
) -> FetchedPage:
    """Fetch the web page (or image) at ``url``, following up to ``max_redirects`` redirects,
    all within ``timeout`` seconds and ``max_bytes`` of body, or raise PreviewRefused.

    An image's body is read only with ``read_images`` (a preview's picture, fetched to be
    re-encoded and kept); otherwise an image answers with its address alone.

    ``allow_addresses`` lists networks to let through despite the address rules. Only tests
    pass it, to reach a server of their own on 127.0.0.1; production leaves it empty.

    DNS lookups are the one step the deadline does not cover: they go through the system's
    resolver, which has its own timeouts (a few seconds) and cannot be interrupted."""
    deadline = time.monotonic() + timeout
    try:
        return _follow(url, deadline, max_bytes, max_redirects, allow_addresses, read_images)
    except TimeoutError as error:
        raise PreviewRefused(TOO_SLOW) from error
    except ssl.SSLCertVerificationError as error:
        raise PreviewRefused("The site's security certificate could not be checked.") from error
    except ssl.SSLError as error:
        raise PreviewRefused("A secure connection to the site could not be made.") from error
    except ConnectionRefusedError as error:
        raise PreviewRefused("The site refused the connection.") from error
    except OSError as error:
        raise PreviewRefused("The site could not be reached.") from error
    except http.client.HTTPException as error:
        raise PreviewRefused("The site sent an answer that could not be understood.") from error
    except (ValueError, UnicodeError) as error:
        raise PreviewRefused(INVALID) from error


def _follow(
    url: str,
    deadline: float,
    max_bytes: int,
    max_redirects: int,
    allow_addresses: Collection[IPNetwork],
    read_images: bool,
) -> FetchedPage:
    for _ in range(max_redirects + 1):
        target = _check(url, allow_addresses)
        connection_class = (
            PinnedHTTPSConnection if target.scheme == "https" else PinnedHTTPConnection
        )
        connection = connection_class(
            target.host, target.port, addresses=target.addresses, deadline=deadline
        )
        response = None
        try:
            connection.request("GET", target.path, headers=_request_headers())
            response = connection.getresponse()
            if response.status not in REDIRECT_STATUSES:
                return _read(target.url, response, max_bytes, read_images)
            location = response.getheader("Location", "").strip()
            if not location:
                raise PreviewRefused("The page redirected without saying where to.")
            url = urljoin(target.url, location)
        finally:
            if response is not None:
                response.close()
            connection.close()
    raise PreviewRefused("The link redirects too many times.")


def _request_headers() -> dict[str, str]:
    """``http.client`` adds the ``Host`` header itself, from the host name, not the address."""
    return {
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml",
        "Accept-Encoding": "identity",
        "Connection": "close",
    }


def _check(url: str, allow_addresses: Collection[IPNetwork]) -> _Target:
    """Check ``url`` and everything its host resolves to, before anything connects to it."""
    url = url.strip()
    if len(url) > MAX_URL_LENGTH:
        raise PreviewRefused("That link is too long to preview.")
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise PreviewRefused("Only http and https links can be previewed.")
    if "@" in parts.netloc:
        raise PreviewRefused("Links with a user name or password cannot be previewed.")
    host = parts.hostname
    if not host:
        raise PreviewRefused(INVALID)
    port = parts.port or (443 if scheme == "https" else 80)
    if is_refused_name(host):
        raise PreviewRefused(PRIVATE)
    addresses = _addresses_of(host, port)
    if not addresses:
        raise PreviewRefused("That website could not be found.")
    if not all(is_allowed(address, allow_addresses) for address in addresses):
        raise PreviewRefused(PRIVATE)
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    # Quote what a browser would (spaces, non-ASCII) and leave what is already quoted alone.
    path = quote(path, safe="!#$%&'()*+,/:;=?@[]~")
    return _Target(url, scheme, host, port, tuple(addresses), path)


def _addresses_of(host: str, port: int) -> list[IPAddress]:
    """The address in the link itself, or every address DNS gives for its host name."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        return resolve(host, port)
    except (socket.gaierror, UnicodeError) as error:
        raise PreviewRefused("That website could not be found.") from error


def _read(
    url: str, response: http.client.HTTPResponse, max_bytes: int, read_images: bool
) -> FetchedPage:
    """Check the final answer and read its body, refusing as soon as it is over the cap."""
    if not 200 <= response.status < 300:
        raise PreviewRefused(f"The page answered with an error ({response.status}).")
    content_type = response.headers.get_content_type()
    charset = response.headers.get_content_charset()
    is_image = content_type.startswith("image/")
    if is_image and not read_images:
        return FetchedPage(url, response.status, content_type, charset)
    if not is_image and content_type not in PAGE_TYPES:
        raise PreviewRefused(NOT_A_PAGE)
    if response.getheader("Content-Encoding", "identity").strip().lower() != "identity":
        raise PreviewRefused("The page was sent in a form that could not be read.")
    if response.length is not None and response.length > max_bytes:
        raise PreviewRefused(TOO_LARGE)
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(min(CHUNK_SIZE, max_bytes + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise PreviewRefused(TOO_LARGE)
    return FetchedPage(url, response.status, content_type, charset, b"".join(chunks))


__all__ = ["FetchedPage", "PreviewRefused", "fetch_page", "resolve"]
