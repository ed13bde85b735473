"""Starting real servers for tests and benchmarks: a free port, and waiting until it answers;
the browser tests' live server."""

import socket
import subprocess
import threading
import time
from email.utils import formatdate
from urllib.parse import urlparse

from django.conf import settings
from django.core.servers.basehttp import ThreadedWSGIServer

try:
    import time_machine  # a development dependency: the tests move the clock with it
except ImportError:  # pragma: no cover  (benchmarks run without the development extras)
    time_machine = None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 30) -> None:
    """Until something accepts connections on ``port``; fails if ``process`` exits first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("The server exited while starting.")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("The server did not start in time.")


class OneRequestAtATime(ThreadedWSGIServer):
    """The browser tests' live server, answering one request at a time when it shares the
    tests' in-memory SQLite connection (there is then one connection for all its threads,
    and two requests at once — two browsers, a page and its poller — would interleave their
    transactions on it). Connections are still accepted and kept alive on threads of their
    own; only the application's work, up to the response's last byte, takes turns.

    The browser may keep static files (as it would the hashed files of a real deployment),
    rather than ask again for every stylesheet and script of every page it opens: whether or
    not the server takes turns (pytest-django's live server, one for the session, is often
    started before the test database is set up; it then shares no connection, and its
    threads open the in-memory database's shared cache themselves)."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, connections_override=connections_override, **kwargs)
        self._turn = threading.Lock() if connections_override else None
        # The handler writes a response's headers and its body in two sends; with Nagle's
        # algorithm on, the body then waits for the browser's delayed ACK (some 40 ms on
        # loopback) — on most pages and files, more than Django took to make them.
        self.RequestHandlerClass = type(
            self.RequestHandlerClass.__name__,
            (self.RequestHandlerClass,),
            {"disable_nagle_algorithm": True},
        )

    def set_app(self, application):
        turn = self._turn
        static = urlparse(settings.STATIC_URL).path

        def in_turn(environ, start_response):
            start_response = dated_by_the_real_clock(start_response)
            if environ["PATH_INFO"].startswith(static):
                start_response = kept_by_the_browser(start_response)
            if turn is None:
                return application(environ, start_response)
            with turn:
                response = application(environ, start_response)
                try:
                    return [b"".join(response)]
                finally:
                    if hasattr(response, "close"):
                        response.close()

        return super().set_app(in_turn)


def dated_by_the_real_clock(start_response):
    """``start_response`` with a Date header from the real clock. Tests move the server's
    clock (time_machine, days back) while the browser stays on the real one: with the moved
    Date, a response the browser may keep a while (a profile photo, ten minutes) would reach
    it already stale, and every page would fetch every face again."""

    def start(status, headers, exc_info=None):
        travelling = time_machine is not None and time_machine.escape_hatch.is_travelling()
        now = time_machine.escape_hatch.time.time() if travelling else time.time()
        return start_response(status, [*headers, ("Date", formatdate(now, usegmt=True))], exc_info)

    return start


# Longer than any test run. Django's development handler sends static files with no caching
# rule, and a fresh checkout's files are minutes old: the browser would ask for each again
# on nearly every page (responses are dated by the real clock, dated_by_the_real_clock).
KEPT_SECONDS = 24 * 3600


def kept_by_the_browser(start_response):
    """``start_response`` with a header that lets the browser keep the file."""

    def start(status, headers, exc_info=None):
        return start_response(
            status, [*headers, ("Cache-Control", f"max-age={KEPT_SECONDS}")], exc_info
        )

    return start
