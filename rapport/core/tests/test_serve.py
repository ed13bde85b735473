"""``manage.py serve`` runs for real here, against its own SQLite files in a temporary
RAPPORT_VAR_DIR: by default one web server child whose threads run the tasks; with REDIS_URL
(a throwaway redis-server) a web server and a task worker as two children."""

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import websockets
from django.conf import settings

from rapport.community.discussions.views.thread import POLL_SECONDS
from rapport.core.management.commands.serve import Command
from rapport.core.testing.browser import (
    PHONE,
    browser,  # noqa: F401
    listen_for_csp_violations,
    screenshot,
    shoot,
)
from rapport.core.testing.servers import free_port

# One worker runs the whole module, so the migrated var dir is made once.
pytestmark = pytest.mark.xdist_group("serve")

MANAGE = str(Path(settings.BASE_DIR) / "manage.py")
STARTUP_SECONDS = 20
STOP_SECONDS = 10
# What "live" means: a push made by a task reaches an open socket this soon after enqueueing.
LIVE_PUSH_SECONDS = 2.0
# The socket stays idle a while first, so the consumer has backed off to its slowest poll
# (capped at settings.HUEY max_delay, checked in test_lifespan.py) when the task arrives.
IDLE_SECONDS = 4


# In one process: migrate, then seed the demo's people (whom serve's banner looks for) and
# courses (where the push test posts a check-in); the rest of the demo is tested in
# rapport/demo/. Then what the tests that use a running server need, each its own (a topic,
# a board, a live class, sessions of the demo's people), printed as JSON: one process rather
# than a ``manage.py shell`` per test, a second and more each. Its tasks run at once, so
# none is left queued for a server to run later, when a test is listening.
PREPARE = """
import json

import django
from django.core.management import call_command
from django.utils import timezone

django.setup()
call_command("migrate", "--no-input", verbosity=0)
from django.contrib.auth import get_user_model
from django.test import Client

from rapport.community.discussions.services import topic_start
from rapport.courses.models import Course, Membership
from rapport.demo.courses import DEMO_COURSES
from rapport.demo.seeders.people import PeopleSeeded, seed_course, seed_people
from rapport.live import services as live
from rapport.walls.services import board_create

now, result = timezone.now(), PeopleSeeded()
users = seed_people(now=now, result=result)
for course in DEMO_COURSES:
    seed_course(course, users=users, now=now, result=result)

people = get_user_model().objects
course = Course.objects.get(slug="env-sci-101")
instructor = Membership.objects.select_related("user", "course").get(
    course=course, user__email="instructor@rapport.test"
)


def session_of(user):
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def signed_in(email):
    return session_of(people.get(email=email))


def topic(title):
    started = topic_start(
        course=course, author=instructor.user, title=title, body="Who is coming?"
    )
    sessions = [signed_in("learner@rapport.test"), signed_in("instructor@rapport.test")]
    return {"topic": started.pk, "sessions": sessions}


def board(title):
    made = board_create(course=course, member=instructor, title=title)
    learners = []
    for email in ("learner@rapport.test", "aroha@rapport.test"):
        user = people.get(email=email)
        learners.append({"name": user.display_name, "session": session_of(user)})
    return {"board": made.pk, "learners": learners, "instructor": session_of(instructor.user)}


def live_class():
    made = live.session_create(course=course, member=instructor, title="Monday class")
    live.activity_add_from_bank(session=made, member=instructor, key="week-word")
    sessions = {
        email.split("@")[0]: signed_in(email)
        for email in ("learner@rapport.test", "aroha@rapport.test", "instructor@rapport.test")
    }
    return {"session": made.pk, "sessions": sessions}


print(json.dumps({
    "learner": signed_in("learner@rapport.test"),
    "topics": [topic("Field trip on Friday"), topic("Field trip on Saturday")],
    "boards": [board("Where in the world are we?"), board("Where are we on a phone?")],
    "live": live_class(),
}))
"""


@pytest.fixture(scope="module")
def prepared(tmp_path_factory) -> tuple[dict[str, str], dict]:
    """A migrated var dir with the demo's people and courses, and what the tests need made
    in it; no Postgres or Redis even if the outer run uses them."""
    """A migrated var dir with the demo's people and courses; no Postgres or Redis even if
    the outer run uses them."""
    var_dir = tmp_path_factory.mktemp("serve-var")
    env = {
        **os.environ,
        "RAPPORT_VAR_DIR": str(var_dir),
        "DEBUG": "1",
        "PYTHONUNBUFFERED": "1",
        "PYTHONUTF8": "1",
    }
    for name in ["DATABASE_URL", "REDIS_URL", "HUEY_IMMEDIATE", "DJANGO_SETTINGS_MODULE"]:
        env.pop(name, None)
    done = subprocess.run(
        [sys.executable, "-c", PREPARE],
        cwd=settings.BASE_DIR,
        env={**env, "DJANGO_SETTINGS_MODULE": "rapport.settings", "HUEY_IMMEDIATE": "1"},
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return env, json.loads(done.stdout.splitlines()[-1])


@pytest.fixture(scope="module")
def env(prepared) -> dict[str, str]:
    return prepared[0]


@pytest.fixture(scope="module")
def made(prepared) -> dict:
    """Each test's own objects and sessions, made by PREPARE."""
    return prepared[1]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    """A private redis-server for the two-process setup, stopped after the module."""
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
        + ["--appendonly", "no", "--dir", str(tmp_path_factory.mktemp("redis"))],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert process.poll() is None and time.monotonic() < deadline, "no redis-server"
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=STOP_SECONDS)


def children_of(pid: int) -> dict[int, str]:
    """The command lines of a process's children, read from /proc: a listing such as ``ps``
    cuts its columns to the terminal's width, so a long checkout path would hide them."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            args = (entry / "cmdline").read_bytes()
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue  # it exited while we looked
        if parent == pid:
            found[int(entry.name)] = args.rstrip(b"\0").replace(b"\0", b" ").decode()
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def deep_checkout(under: Path) -> tuple[str, str]:
    """The Python and manage.py as seen from a checkout (and its virtualenv) whose path is
    over 120 characters, through symlinks: what a user's long home folder looks like."""
    deep = under.joinpath(*["a-rather-long-folder-name"] * 5)
    deep.mkdir(parents=True)
    (deep / "checkout").symlink_to(settings.BASE_DIR, target_is_directory=True)
    (deep / "venv").symlink_to(sys.prefix, target_is_directory=True)
    python = deep / "venv" / "bin" / Path(sys.executable).name
    assert len(str(deep / "checkout")) > 120
    return str(python), str(deep / "checkout" / "manage.py")


class Server:
    def __init__(
        self, env: dict[str, str], log: Path, python: str = sys.executable, manage: str = MANAGE
    ):
        self.port = free_port()
        self.log = log
        self.process = subprocess.Popen(
            [python, manage, "serve", "--port", str(self.port)],
            env=env,
            stdout=log.open("w", encoding="utf-8"),
            stderr=subprocess.STDOUT,
        )
        self.children: dict[int, str] = {}

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def wait_until_up(self) -> int:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"serve exited early:\n{self.output()}"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=2) as r:
                    status = r.status
            except urllib.error.HTTPError as error:
                status = error.code
            except OSError:
                time.sleep(0.05)
                continue
            self.children = children_of(self.process.pid)
            return status
        raise AssertionError(f"no answer on port {self.port}:\n{self.output()}")

    def child(self, needle: str) -> int:
        return next(pid for pid, args in self.children.items() if needle in args)

    def cleanup(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for pid in self.children:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


@pytest.fixture(params=["short path"])
def server(request, env, tmp_path):
    where = deep_checkout(tmp_path) if request.param == "long path" else ()
    started = Server(env, tmp_path / "serve.log", *where)
    yield started
    started.cleanup()


@pytest.fixture(params=["short path"])
def redis_server(request, env, redis_url, tmp_path):
    """serve with REDIS_URL: the web server and the task worker are two processes."""
    where = deep_checkout(tmp_path) if request.param == "long path" else ()
    started = Server({**env, "REDIS_URL": redis_url}, tmp_path / "serve.log", *where)
    yield started
    started.cleanup()


# The tests below that stop or kill their server start their own. Those that only use one
# (pages, sockets, tasks) share one of each kind for the module: each start costs seconds.
@pytest.fixture(scope="module")
def running_server(env, tmp_path_factory):
    started = Server(env, tmp_path_factory.mktemp("serve") / "serve.log")
    yield started
    started.cleanup()


@pytest.fixture(scope="module")
def running_redis_server(env, redis_url, tmp_path_factory):
    started = Server(
        {**env, "REDIS_URL": redis_url}, tmp_path_factory.mktemp("serve") / "serve.log"
    )
    yield started
    started.cleanup()


@pytest.mark.parametrize("server", ["short path", "long path"], indirect=True)
def test_serves_pages_and_runs_tasks_in_the_web_server_until_ctrl_c_stops_it(server):
    assert server.wait_until_up() in (200, 302)
    web = server.child("uvicorn rapport.asgi:application")
    assert alive(web)
    assert list(server.children) == [web]  # no run_huey: the tasks are its threads

    server.process.send_signal(signal.SIGINT)

    assert server.process.wait(timeout=STOP_SECONDS) == 0
    assert not alive(web)
    output = server.output()
    assert f"Rapport is running at http://127.0.0.1:{server.port} — press Ctrl-C to stop." in output
    assert "  instructor@rapport.test / rapport-demo  (instructor)" in output
    assert "  learner@rapport.test / rapport-demo  (learner)" in output
    assert "Tasks run in the web server" in output
    assert "Huey consumer started with 2 thread" in output


@pytest.mark.parametrize("redis_server", ["short path", "long path"], indirect=True)
def test_with_redis_the_worker_is_its_own_process_and_ctrl_c_stops_both(redis_server):
    assert redis_server.wait_until_up() in (200, 302)
    web = redis_server.child("uvicorn rapport.asgi:application")
    worker = redis_server.child("run_huey")
    assert alive(web) and alive(worker)

    redis_server.process.send_signal(signal.SIGINT)

    assert redis_server.process.wait(timeout=STOP_SECONDS) == 0
    assert not alive(web)
    assert not alive(worker)


@pytest.mark.parametrize("redis_server", ["short path", "long path"], indirect=True)
def test_when_the_worker_dies_the_web_server_is_stopped_too(redis_server):
    assert redis_server.wait_until_up() in (200, 302)
    web = redis_server.child("uvicorn")
    os.kill(redis_server.child("run_huey"), signal.SIGKILL)

    assert redis_server.process.wait(timeout=STOP_SECONDS) != 0
    assert not alive(web)
    assert "The task worker stopped" in redis_server.output()


def test_sigterm_stops_both_children(redis_server):
    assert redis_server.wait_until_up() in (200, 302)
    children = list(redis_server.children)
    assert len(children) == 2

    redis_server.process.send_signal(signal.SIGTERM)

    assert redis_server.process.wait(timeout=STOP_SECONDS) == 0
    assert not any(alive(pid) for pid in children)


def test_when_the_web_server_dies_serve_stops(server):
    assert server.wait_until_up() in (200, 302)
    os.kill(server.child("uvicorn"), signal.SIGKILL)

    assert server.process.wait(timeout=STOP_SECONDS) != 0
    assert "The web server stopped" in server.output()


PUBLISH_CHECKIN = """
import time
from django.contrib.auth import get_user_model
from rapport.courses.models import Course
from rapport.presence.services import checkin_post
course = Course.objects.get(slug="env-sci-101")
author = get_user_model().objects.get(email="instructor@rapport.test")
enqueued_by = time.time()  # the fan-out task is enqueued as checkin_post commits
checkin_post(course=course, author=author, title="Are you there?", body="A live check-in.")
print(json.dumps({"enqueued_by": enqueued_by}))
"""


def manage_shell(env: dict[str, str], code: str) -> list[str]:
    return [sys.executable, MANAGE, "shell", "--no-imports", "-c", "import json\n" + code]


def test_a_task_push_reaches_an_open_socket_within_two_seconds(running_server, env, made):
    """The fan-out of a check-in runs as a task; the learner's bell must hear of it live."""
    server = running_server
    started = time.monotonic()
    assert server.wait_until_up() in (200, 302)
    session = made["learner"]

    async def publish_and_listen() -> tuple[dict, float, float]:
        async with websockets.connect(
            f"ws://127.0.0.1:{server.port}/ws/me/",
            origin=f"http://127.0.0.1:{server.port}",
            additional_headers={"Cookie": f"sessionid={session}"},
        ) as socket_:
            # Idle long enough that huey's default polling back-off would show (the server
            # may be older than the test: counted from the test's start, after any task an
            # earlier test made).
            await asyncio.sleep(max(0.0, IDLE_SECONDS - (time.monotonic() - started)))
            publisher = await asyncio.create_subprocess_exec(
                *manage_shell(env, PUBLISH_CHECKIN), env=env, stdout=asyncio.subprocess.PIPE
            )
            try:
                event = json.loads(await asyncio.wait_for(socket_.recv(), timeout=30))
            except TimeoutError:
                raise AssertionError(f"no push arrived:\n{server.output()}") from None
            received_at = time.time()
            out, _ = await publisher.communicate()
            assert publisher.returncode == 0
            return event, json.loads(out.decode().splitlines()[-1])["enqueued_by"], received_at

    event, enqueued_by, received_at = asyncio.run(publish_and_listen())

    assert event["type"] == "notifications.unread"
    assert event["count"] >= 1
    assert received_at - enqueued_by < LIVE_PUSH_SECONDS


def test_reload_is_passed_to_the_web_server_only_when_asked():
    assert "--reload" not in Command._web_server_args("127.0.0.1", 8000, reload=False)
    args = Command._web_server_args("0.0.0.0", 9000, reload=True)
    assert "--reload" in args
    assert args[args.index("--port") + 1] == "9000"


# Half the topic page's polling period (rapport.community.discussions.views.thread): a reply
# sooner than this came through the socket.
SOCKET_NOT_POLLER_SECONDS = POLL_SECONDS / 2


@pytest.mark.browser
def test_a_reply_reaches_a_reader_through_the_course_socket_not_the_poller(
    running_server,
    made,
    browser,  # noqa: F811
):
    """A reader's topic page follows the topic on the course socket; a reply posted in
    another browser appears on it within seconds, well before its poller (every 12 s,
    standing still while the socket follows) would ask."""
    reply_reaches_the_reader(running_server, made["topics"][0], browser)


@pytest.mark.browser
def test_with_redis_a_reply_reaches_a_reader_through_the_course_socket(
    running_redis_server,
    made,
    browser,  # noqa: F811
):
    """The same with Redis as the channel layer (and the task worker in its own process)."""
    reply_reaches_the_reader(running_redis_server, made["topics"][1], browser)


def reply_reaches_the_reader(server, made: dict, browser) -> None:  # noqa: F811
    assert server.wait_until_up() in (200, 302)
    base = f"http://127.0.0.1:{server.port}"
    url = f"{base}/c/env-sci-101/discussions/{made['topic']}/"
    pages = []
    for session in made["sessions"]:
        context = browser.new_context()
        context.add_cookies([{"name": "sessionid", "value": session, "url": base}])
        pages.append(context.new_page())
    reader, writer = pages
    refused = []
    for page in pages:
        listen_for_csp_violations(page, refused)
    reader.goto(url)
    reader.wait_for_selector("body[data-following]", state="attached", timeout=10_000)
    writer.goto(url)
    writer.get_by_label("Your reply").fill("Count me in, with sandwiches.")
    writer.get_by_role("button", name="Post reply").click()
    posted = time.monotonic()
    arrived = reader.locator("#newer-posts .post", has_text="with sandwiches")
    arrived.wait_for(state="visible", timeout=10_000)
    assert time.monotonic() - posted < SOCKET_NOT_POLLER_SECONDS, server.output()
    assert refused == []  # nothing the Content-Security-Policy refused


def board_pages(server, made: dict, browser, *, viewport=None) -> tuple[list, list]:  # noqa: F811
    """A board's page (one PREPARE made) open for each of its two learners, each following
    the board; and the page errors (and any request leaving the server) heard from them."""
    assert server.wait_until_up() in (200, 302)
    base = f"http://127.0.0.1:{server.port}"
    url = f"{base}/c/env-sci-101/walls/{made['board']}/"
    pages, errors = [], []
    for learner in made["learners"]:
        context = browser.new_context(**({"viewport": viewport} if viewport else {}))
        context.add_cookies([{"name": "sessionid", "value": learner["session"], "url": base}])
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        listen_for_csp_violations(page, errors)
        page.on(
            "request",
            lambda request: (
                request.url.startswith((base, "data:", "blob:"))
                or errors.append(f"outside request: {request.url}")
            ),
        )
        page.goto(url)
        page.wait_for_selector("body[data-following]", state="attached", timeout=10_000)
        pages.append(page)
    return pages, errors


def add_card(page, text: str):
    page.locator("#wall-add").evaluate("details => { details.open = true; }")
    page.locator("#wall-add-form textarea[name=body]").fill(text)
    page.get_by_role("button", name="Add to the wall").click()
    card = page.locator("#wall .wall-card", has_text=text)
    card.wait_for(state="visible", timeout=10_000)
    return card


def cell_of(page, card_id: str) -> str:
    return page.locator(f"#card-{card_id}").evaluate(
        "card => card.style.getPropertyValue('--x').trim()"
    )


@pytest.mark.browser
def test_a_card_added_in_one_browser_appears_in_another(
    running_server,
    made,
    browser,  # noqa: F811
):
    """Two learners on a free wall: a card added by one reaches the other over the course
    socket, without a reload; moved with the keyboard, it moves there too; and each sees
    who else is here."""
    server = running_server
    made = made["boards"][0]
    (writer, reader), errors = board_pages(server, made, browser)
    reader.evaluate("window.drawnOnce = true")  # gone if the page were loaded again

    added = add_card(writer, "Hello from Lagos")
    card_id = added.get_attribute("data-card")
    arrived = reader.locator(f"#card-{card_id}", has_text="Hello from Lagos")
    arrived.wait_for(state="visible", timeout=10_000)
    assert cell_of(reader, card_id) == "1"

    added.get_by_role("button", name="Move").focus()
    writer.keyboard.press("ArrowRight")
    writer.keyboard.press("ArrowRight")
    writer.keyboard.press("Enter")

    reader.wait_for_function(
        f"""() => {{
            const card = document.getElementById("card-{card_id}");
            return card && card.style.getPropertyValue("--x").trim() === "3";
        }}""",
        timeout=10_000,
    )
    writer.wait_for_function(
        "() => document.getElementById('wall-status').textContent.startsWith('Moved')",
        timeout=10_000,
    )
    assert cell_of(writer, card_id) == "3"
    assert "Column 3, row 1" in writer.locator("#wall-status").text_content()
    writer_name = made["learners"][0]["name"]
    reader.wait_for_function(
        f"""() => {{
            const here = document.getElementById("wall-here");
            return !here.hidden && here.textContent.includes({json.dumps(writer_name)});
        }}""",
        timeout=10_000,
    )
    assert reader.evaluate("window.drawnOnce") is True

    # The instructor locks the wall: both pages show it locked, without a reload, and the
    # writer's own card can no longer be moved.
    base = f"http://127.0.0.1:{server.port}"
    staff = browser.new_context()
    staff.add_cookies([{"name": "sessionid", "value": made["instructor"], "url": base}])
    settings = staff.new_page()
    settings.goto(f"{base}/c/env-sci-101/walls/{made['board']}/settings/")
    settings.get_by_role("button", name="Lock the wall").click()
    for page in (reader, writer):
        page.locator("#wall-locked").wait_for(state="visible", timeout=10_000)
        assert page.locator("#wall-add").is_hidden()
    writer.wait_for_function(
        f"() => !document.querySelector('#card-{card_id} [data-action=move]')", timeout=10_000
    )
    assert reader.evaluate("window.drawnOnce") is True
    assert errors == []


@pytest.mark.browser
def test_a_board_on_a_phone_does_not_scroll_sideways(
    running_server,
    made,
    browser,  # noqa: F811
):
    """The free wall at a phone's width reads as one list of cards: nothing wider than the
    screen, a card with a long unbroken word, its comments and reactions open included."""
    (page, _), errors = board_pages(running_server, made["boards"][1], browser, viewport=PHONE)
    card = add_card(page, "Greetings-from-" + "far-away-" * 12 + "places")
    card.locator(".wall-card__comments summary").click()
    card.get_by_title("Add a reaction").click()

    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shoot(page, "wall-phone.png")
    assert errors == []


@pytest.mark.browser
def test_a_live_class_word_cloud_grows_on_the_shared_screen_as_phones_answer(
    running_server,
    made,
    browser,  # noqa: F811
):
    """The instructor runs a live class: the shared screen and two learners' phones follow
    it; showing the results leaves what a learner was typing alone; each word a phone sends
    joins the cloud on the shared screen without a reload; locking closes answers on the
    phones."""
    server = running_server
    assert server.wait_until_up() in (200, 302)
    made = made["live"]
    base = f"http://127.0.0.1:{server.port}"
    live = f"{base}/c/env-sci-101/live/{made['session']}/"
    errors = []

    def open_page(who: str, url: str, **context):
        page_context = browser.new_context(**context)
        page_context.add_cookies(
            [{"name": "sessionid", "value": made["sessions"][who], "url": base}]
        )
        page = page_context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on(
            "request",
            lambda request: (
                request.url.startswith((base, "ws://127.0.0.1", "data:"))
                or errors.append(f"outside request: {request.url}")
            ),
        )
        page.goto(url)
        return page

    host = open_page("instructor", live + "host/")
    screen = open_page("instructor", live + "screen/")
    phones = [open_page(who, live, viewport=PHONE) for who in ("learner", "aroha")]
    for page in (screen, *phones):
        page.get_by_text("One word for your week").first.wait_for(timeout=10_000)
    # A learner is typing when the teacher shows the results: what they typed stays.
    phones[0].get_by_label("Your word").fill("Hopeful")
    host.get_by_role("button", name="Show results").click()
    phones[0].locator(".live-cloud").wait_for(state="attached", timeout=10_000)
    assert phones[0].get_by_label("Your word").input_value() == "Hopeful"

    cloud = screen.locator(".live-cloud__word")
    for count, (phone, word) in enumerate(zip(phones, ("Hopeful", "tired"), strict=True), 1):
        if phone is not phones[0]:
            phone.get_by_label("Your word").fill(word)
        phone.get_by_role("button", name="Send").click()
        screen.wait_for_function(
            f"() => document.querySelectorAll('.live-cloud__word').length === {count}",
            timeout=10_000,
        )
    assert sorted(cloud.all_text_contents()) == ["hopeful", "tired"]

    host.get_by_role("button", name="Lock answers").click()
    for phone in phones:
        phone.get_by_text("Answers are closed for this one.").wait_for(timeout=10_000)
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(screen, "live-screen.png")
    shoot(phones[0], "live-phone.png")
    assert errors == []
