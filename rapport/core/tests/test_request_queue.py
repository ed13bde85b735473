"""``RequestQueue``: no more than ``at_once`` requests in the application, the rest served in
the order they came; bodies still arriving and responses still streaming hold no place; a
request cancelled while waiting (its client gone) leaves no place taken."""

import asyncio

import pytest

from rapport.core.request_queue import RequestQueue


class SlowApp:
    """Reads the body, works (a pause), answers in two parts; records who ran when."""

    def __init__(self, work: float = 0.02):
        self.work = work
        self.inside = 0
        self.most_inside = 0
        self.order: list[str] = []

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            while (await receive()).get("more_body"):
                pass
        self.inside += 1
        self.most_inside = max(self.most_inside, self.inside)
        self.order.append(scope["path"])
        await asyncio.sleep(self.work)
        self.inside -= 1
        if scope["type"] == "http":
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": b"ok"})


def request(path: str, chunks: list[float] | None = None):
    """The scope and receive of a request whose body arrives in chunks, after the given
    pauses."""
    pauses = list(chunks or [0.0])

    async def receive():
        await asyncio.sleep(pauses.pop(0))
        return {"type": "http.request", "body": b"x", "more_body": bool(pauses)}

    return {"type": "http", "path": path}, receive


async def call(app, path, chunks=None, sent=None):
    scope, receive = request(path, chunks)
    messages = sent if sent is not None else []

    async def send(message):
        messages.append(message)

    await app(scope, receive, send)
    return messages


def test_no_more_than_at_once_run_and_the_rest_go_in_arrival_order():
    async def scenario():
        inner = SlowApp()
        queue = RequestQueue(inner, at_once=2)
        tasks = []
        for n in range(8):
            tasks.append(asyncio.create_task(call(queue, f"/{n}")))
            await asyncio.sleep(0)  # each one arrives after the one before
        await asyncio.gather(*tasks)
        return inner, queue

    inner, queue = asyncio.run(scenario())
    assert inner.most_inside == 2
    assert inner.order == [f"/{n}" for n in range(8)]
    assert (queue.running, len(queue.waiting)) == (0, 0)


def test_a_slow_upload_holds_no_place_while_its_body_arrives():
    async def scenario():
        inner = SlowApp()
        queue = RequestQueue(inner, at_once=1)
        upload = asyncio.create_task(call(queue, "/upload", chunks=[0.0, 0.2, 0.2]))
        await asyncio.sleep(0.01)
        quick = [asyncio.create_task(call(queue, f"/page{n}")) for n in range(3)]
        await asyncio.gather(upload, *quick)
        return inner

    inner = asyncio.run(scenario())
    # The pages were served while the upload was still arriving.
    assert inner.order == ["/page0", "/page1", "/page2", "/upload"]


def test_the_place_is_free_once_the_response_starts():
    async def scenario():
        queue = RequestQueue(SlowApp(work=0), at_once=1)
        scope, receive = request("/download")
        started = asyncio.Event()
        finish = asyncio.Event()

        async def send(message):
            if message["type"] == "http.response.start":
                started.set()
            else:
                await finish.wait()  # the body is still streaming to a slow client

        download = asyncio.create_task(queue(scope, receive, send))
        await started.wait()
        page = await asyncio.wait_for(call(queue, "/page"), timeout=1)
        finish.set()
        await download
        return page

    page = asyncio.run(scenario())
    assert page[0]["status"] == 200


def test_a_request_cancelled_while_waiting_leaves_no_place_taken():
    async def scenario():
        inner = SlowApp(work=0.05)
        queue = RequestQueue(inner, at_once=1)
        first = asyncio.create_task(call(queue, "/first"))
        await asyncio.sleep(0.01)
        gone = asyncio.create_task(call(queue, "/gone"))
        await asyncio.sleep(0.01)
        gone.cancel()  # the client went away while waiting its turn
        await first
        await call(queue, "/after")
        with pytest.raises(asyncio.CancelledError):
            await gone
        return inner, queue

    inner, queue = asyncio.run(scenario())
    assert inner.order == ["/first", "/after"]
    assert (queue.running, len(queue.waiting)) == (0, 0)


def test_an_application_that_fails_gives_its_place_back():
    async def broken(scope, receive, send):
        await receive()
        raise RuntimeError("boom")

    async def scenario():
        queue = RequestQueue(broken, at_once=1)
        for _ in range(3):
            with pytest.raises(RuntimeError):
                await call(queue, "/")
        return queue

    queue = asyncio.run(scenario())
    assert (queue.running, len(queue.waiting)) == (0, 0)


def test_websockets_and_lifespan_pass_straight_through():
    async def scenario():
        inner = SlowApp(work=0.05)
        queue = RequestQueue(inner, at_once=1)

        async def nothing():
            return {"type": "websocket.connect"}

        async def ignore(message):
            pass

        page = asyncio.create_task(call(queue, "/page"))
        await asyncio.sleep(0.01)
        await asyncio.wait_for(queue({"type": "websocket", "path": "/ws"}, nothing, ignore), 1)
        await page
        return inner

    inner = asyncio.run(scenario())
    assert inner.most_inside == 2  # the socket did not wait for the page's place


def test_at_least_one_at_once():
    with pytest.raises(ValueError):
        RequestQueue(SlowApp(), at_once=0)
