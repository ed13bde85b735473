"""The browser tests' live server shares the tests' in-memory SQLite connection among its
threads, so it answers one request at a time; connections still open in parallel."""

import threading
import time
import urllib.request
from wsgiref.simple_server import WSGIRequestHandler

from rapport.core.testing.servers import OneRequestAtATime


class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class SharedConnection:
    """Stands for the tests' one in-memory SQLite connection."""

    def close(self):
        pass


def serve(app, *, shared_connection: bool):
    server = OneRequestAtATime(
        ("127.0.0.1", 0),
        Quiet,
        connections_override={"default": SharedConnection()} if shared_connection else {},
    )
    server.set_app(app)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def fetch_three(app, *, shared_connection: bool) -> None:
    server = serve(app, shared_connection=shared_connection)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    bodies = []

    def fetch():
        with urllib.request.urlopen(url, timeout=30) as response:
            bodies.append(response.read())

    clients = [threading.Thread(target=fetch) for _ in range(3)]
    for client in clients:
        client.start()
    for client in clients:
        client.join()
    server.shutdown()
    server.server_close()
    assert bodies == [b"one two"] * 3


def test_requests_take_turns_on_a_shared_connection():
    guard, inside, most = threading.Lock(), [0], [0]

    def app(environ, start_response):
        with guard:
            inside[0] += 1
            most[0] = max(most[0], inside[0])
        time.sleep(0.1)
        with guard:
            inside[0] -= 1
        start_response("200 OK", [("Content-Type", "text/plain")])
        return iter([b"one ", b"two"])

    fetch_three(app, shared_connection=True)
    assert most == [1]


def test_without_a_shared_connection_requests_run_together():
    all_three_inside = threading.Barrier(3, timeout=20)

    def app(environ, start_response):
        all_three_inside.wait()  # breaks (and the request fails) unless all three are in
        start_response("200 OK", [("Content-Type", "text/plain")])
        return iter([b"one ", b"two"])

    fetch_three(app, shared_connection=False)


def test_responses_are_dated_by_the_real_clock_while_the_test_moves_it():
    """A photo kept for ten minutes must not reach the browser (on the real clock) already
    days old because the test moved the server's clock."""
    from datetime import UTC, datetime, timedelta
    from email.utils import parsedate_to_datetime

    import time_machine

    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "image/jpeg")])
        return iter([b"face"])

    server = serve(app, shared_connection=True)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    real_now = datetime.now(UTC)
    try:
        with (
            time_machine.travel(real_now - timedelta(days=3), tick=True),
            urllib.request.urlopen(url, timeout=30) as response,
        ):
            moved = parsedate_to_datetime(response.headers["Date"])
        with urllib.request.urlopen(url, timeout=30) as response:
            dates = response.headers.get_all("Date")
    finally:
        server.shutdown()
        server.server_close()
    assert abs((moved - real_now).total_seconds()) < 60
    assert len(dates) == 1
