"""HTTP connections pinned to an address that was checked, and held to one deadline.

``http.client`` would look the host name up again when it connects, and a hostile DNS server
could answer with a public address for the check and a private one for the connection (DNS
rebinding). These connections are handed the checked addresses and connect to those only;
the host name is used for the ``Host`` header and for checking the TLS certificate.

A socket timeout bounds each read, not the whole answer: a server that sends one byte a
second never trips it. Every read and write here first sets the socket's timeout to the time
left before the fetch's deadline, so the whole fetch ends on time however the bytes trickle."""

from __future__ import annotations

import functools
import http.client
import io
import socket
import ssl
import time
from collections.abc import Sequence

from .addresses import IPAddress


def open_connection(address: IPAddress, port: int, timeout: float) -> socket.socket:
    """Open a TCP connection to ``address`` itself. A module-level function so that tests can
    count the connections made."""
    return socket.create_connection((str(address), port), timeout=timeout)


def remaining(deadline: float) -> float:
    """Seconds left before ``deadline`` (a ``time.monotonic()`` value), raising TimeoutError
    once it has passed."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("the preview fetch ran out of time")
    return left


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """One context for every fetch: building one loads the system's certificates."""
    return ssl.create_default_context()


class _DeadlineReader(io.RawIOBase):
    """The raw stream ``http.client`` reads a response from, waiting at most until the
    deadline for each chunk."""

    def __init__(self, owner: _DeadlineSocket) -> None:
        super().__init__()
        self._owner = owner

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        sock = self._owner.sock
        sock.settimeout(remaining(self._owner.deadline))
        return sock.recv_into(buffer)

    def close(self) -> None:
        if not self.closed:
            self._owner.reader_closed()
        super().close()


class _DeadlineSocket:
    """Stands in for the socket ``http.client`` writes to and reads from (it only calls
    ``sendall``, ``makefile`` and ``close``), so that both obey the deadline.

    Like a real socket, it stays open until its last reader is closed too: ``http.client``
    closes the connection as soon as a response says ``Connection: close``, before the
    body has been read."""

    def __init__(self, sock: socket.socket, deadline: float) -> None:
        self.sock = sock
        self.deadline = deadline
        self._readers = 0
        self._closed = False

    def sendall(self, data: bytes) -> None:
        self.sock.settimeout(remaining(self.deadline))
        self.sock.sendall(data)

    def makefile(self, mode: str = "rb", *args: object, **kwargs: object) -> io.BufferedReader:
        self._readers += 1
        return io.BufferedReader(_DeadlineReader(self))

    def reader_closed(self) -> None:
        self._readers -= 1
        self._close_when_done()

    def close(self) -> None:
        self._closed = True
        self._close_when_done()

    def _close_when_done(self) -> None:
        if self._closed and self._readers == 0:
            self.sock.close()


class PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to ``host`` that connects to one of ``addresses`` (already checked)
    instead of looking ``host`` up again, and gives up at ``deadline``."""

    def __init__(
        self, host: str, port: int, *, addresses: Sequence[IPAddress], deadline: float
    ) -> None:
        super().__init__(host, port, timeout=remaining(deadline))
        self._addresses = tuple(addresses)
        self._deadline = deadline

    def connect(self) -> None:
        self.sock = _DeadlineSocket(self._open(), self._deadline)

    def _open(self) -> socket.socket:
        """Try the addresses in the resolver's order, as ``socket.create_connection`` does,
        so that a host with an unreachable IPv6 address still answers on IPv4."""
        last_error: OSError | None = None
        for address in self._addresses:
            try:
                return open_connection(address, self.port, remaining(self._deadline))
            except TimeoutError:
                raise
            except OSError as error:
                last_error = error
        raise last_error or OSError("no address to connect to")


class PinnedHTTPSConnection(PinnedHTTPConnection):
    """The HTTPS version: TLS over the pinned socket, the certificate checked against the host
    name from the link (not the address)."""

    default_port = http.client.HTTPS_PORT

    def _open(self) -> socket.socket:
        sock = super()._open()
        try:
            # CPython bounds the whole handshake by this timeout, not each read within it.
            sock.settimeout(remaining(self._deadline))
            return _tls_context().wrap_socket(sock, server_hostname=self.host)
        except BaseException:
            sock.close()
            raise
