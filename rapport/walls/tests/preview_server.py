"""A tiny web server on 127.0.0.1 for the link-preview tests, the pages it can serve, and
the stand-ins that keep those tests off the network (a fake DNS, a log of connections).

Each test says what its paths answer (``routes``). Answers that would go on forever (slow or
endless pages) watch ``stop``, which is set when the test ends, so that shutting the server
down never waits on them and no test can hang. (Not named ``conftest.py``: the walls app
around these tests may want that name for itself.)"""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from ipaddress import ip_address, ip_network
from pathlib import Path

import pytest

from rapport.core.testing.tls import self_signed_certificate
from rapport.walls.previews import Preview, connection, fetch, link_preview

Respond = Callable[[BaseHTTPRequestHandler], None]
LOCAL = frozenset({ip_network("127.0.0.1/32")})  # what the tests let the fetcher reach


class LocalServer:
    """Pages by path, served on 127.0.0.1 (over TLS, if it was started with a context)."""

    def __init__(self, scheme: str) -> None:
        self.routes: dict[str, Respond] = {}
        self.stop = threading.Event()
        self.scheme = scheme
        self.port = 0

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"{self.scheme}://{host}:{self.port}{path}"

    def preview(self, path: str, host: str = "127.0.0.1", **options: object) -> Preview:
        """``link_preview`` of a page here, 127.0.0.1 (and only that) allowed."""
        return link_preview(self.url(path, host), allow_addresses=LOCAL, **options)


def fake_dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Stand in for DNS: the returned dict maps made-up names to their addresses (names not
    in it do not resolve), and its ``"asked"`` entry lists the names looked up."""
    answers: dict[str, list[str]] = {"asked": []}

    def resolve(host: str, port: int) -> list:
        answers["asked"].append(host)
        if host not in answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [ip_address(address) for address in answers[host]]

    monkeypatch.setattr(fetch, "resolve", resolve)
    return answers


def log_connections(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """List the addresses the fetcher connects to, refusing all but 127.0.0.1, so that no
    test can reach past this machine."""
    made: list[str] = []
    open_connection = connection.open_connection

    def logged(address, port: int, timeout: float) -> socket.socket:
        made.append(str(address))
        if str(address) != "127.0.0.1":
            raise ConnectionRefusedError("tests do not leave this machine")
        return open_connection(address, port, timeout)

    monkeypatch.setattr(connection, "open_connection", logged)
    return made


@contextlib.contextmanager
def serve(tls: ssl.SSLContext | None = None) -> Iterator[LocalServer]:
    local = LocalServer("https" if tls else "http")

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            self.close_connection = True
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                local.routes[self.path](self)  # (the fetcher may hang up, as it should)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    if tls:
        httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
    local.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield local
    finally:
        local.stop.set()
        httpd.shutdown()
        httpd.server_close()  # waits for the request threads to end
        thread.join()


def page(
    body: bytes,
    content_type: str = "text/html; charset=utf-8",
    status: int = 200,
    length: int | None = None,
    **headers: str,
) -> Respond:
    """An answer with ``body``; ``length`` overrides the Content-Length it declares."""

    def respond(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body) if length is None else length))
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(body)

    return respond


def redirect(location: str) -> Respond:
    return page(b"", status=302, Location=location)


def start_stream(handler: BaseHTTPRequestHandler, **headers: str) -> None:
    """Headers for an HTML answer of no declared length (``Transfer_Encoding="chunked"``)."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    for name, value in headers.items():
        handler.send_header(name.replace("_", "-"), value)
    handler.end_headers()


def endless_chunks(local: LocalServer) -> Respond:
    """An HTML page sent in 64 KB chunks, up to 50 MB; ``respond.sent`` counts the bytes that
    left, and ``respond.done`` is set once the server stops sending."""
    frame = b"%x\r\n%s\r\n" % (64 * 1024, b"x" * 64 * 1024)

    def respond(handler: BaseHTTPRequestHandler) -> None:
        # A small send buffer, so the count stays close to what the fetcher read.
        handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 64 * 1024)
        start_stream(handler, Transfer_Encoding="chunked")
        try:
            while respond.sent < 50 * 1024 * 1024 and not local.stop.is_set():
                handler.wfile.write(frame)
                respond.sent += len(frame)
        finally:
            respond.done.set()

    respond.sent = 0  # type: ignore[attr-defined]
    respond.done = threading.Event()  # type: ignore[attr-defined]
    return respond


def drip(local: LocalServer) -> Respond:
    """Headers, then one byte every half second until the fetcher hangs up or the test ends."""

    def respond(handler: BaseHTTPRequestHandler) -> None:
        start_stream(handler, Connection="close")
        while True:
            handler.wfile.write(b"<")
            if local.stop.wait(0.5):
                return

    return respond


def tls_contexts(hostname: str, folder: Path) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    """A server context with a fresh certificate for ``hostname``, and a client context that
    trusts that certificate (and nothing else)."""
    pytest.importorskip("cryptography")  # comes with daphne, a dev dependency
    certificate, key = self_signed_certificate(hostname)
    (folder / "cert.pem").write_bytes(certificate)
    (folder / "key.pem").write_bytes(key)
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    return server, ssl.create_default_context(cadata=certificate.decode())
