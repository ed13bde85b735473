"""Fixtures every app's tests share: the cast (rapport/factories.py), each test's settings,
media folder and outbox, and how the run spreads over workers."""

import gc
import itertools
import os

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test.testcases import LiveServerThread
from huey.contrib.djhuey import HUEY

from rapport.core.testing.browser import CHROMIUM, _chromium  # noqa: F401  (a fixture)
from rapport.core.testing.caches import forget_rate_limit_counts
from rapport.core.testing.programs import program_path
from rapport.core.testing.s3 import moto_s3, s3_bucket  # noqa: F401  (fixtures)
from rapport.core.testing.servers import OneRequestAtATime
from rapport.core.testing.shared_data import (
    SHARED_MEDIA,
    SHARED_MODULES,
    SHARED_OUTBOX,
    test_settings,
)
from rapport.core.testing.snapshots import forget_shared
from rapport.demo.testing import saturday_clock  # noqa: F401  (a fixture)
from rapport.factories import Cast, make_cast

LiveServerThread.server_class = OneRequestAtATime


@pytest.fixture(autouse=True, scope="session")
def _tasks_run_immediately():
    HUEY.immediate = True
    yield


@pytest.fixture(autouse=True, scope="session")
def _no_link_previews_from_the_network():
    """Tests never touch the network: a link card's preview (fetched by a task, which runs
    at once in tests) finds no address, unless a test stands in for DNS itself."""
    import socket

    from rapport.walls.previews import fetch

    def no_network(host, port):
        raise socket.gaierror("Tests do not reach the network.")

    real, fetch.resolve = fetch.resolve, no_network
    yield
    fetch.resolve = real


# Numbers each test's media folder in this process.
_MEDIA_FOLDERS = itertools.count()


@pytest.fixture
def media_folder(request, tmp_path_factory):
    """Each test's own media folder, or the one its module's shared data wrote to. It is
    made when something is first stored in it: most tests store nothing, and pytest's
    ``tmp_path``, made for every test, cost a millisecond each."""
    shared = SHARED_MEDIA.get(request.module.__name__)
    if shared is not None:
        return shared
    return tmp_path_factory.getbasetemp() / "media" / str(next(_MEDIA_FOLDERS))


@pytest.fixture
def module_outbox(request) -> list:
    """The emails sent while the module's shared data was built."""
    return SHARED_OUTBOX[request.module.__name__]


@pytest.fixture(autouse=True)
def _content_types_read_afresh():
    """Django caches content types by id. A test may write back a snapshot whose content
    types have other ids than its database had (rapport.core.testing.snapshots), and its
    rollback brings the old ids back: every test starts with an empty cache."""
    ContentType.objects.clear_cache()


@pytest.fixture(autouse=True)
def _rate_limits_counted_afresh():
    forget_rate_limit_counts()


@pytest.fixture(autouse=True)
def _test_settings(settings, media_folder):
    settings.MEDIA_ROOT = media_folder
    for name, value in test_settings(settings).items():
        setattr(settings, name, value)


@pytest.fixture
def cast(db) -> Cast:
    return make_cast()


@pytest.fixture
def client_for(client, cast):
    """``client_for("learner")`` — a test client signed in as one of the cast."""

    def sign_in(role: str):
        client.logout()
        person = cast.by_role(role)
        if person is not None:
            client.force_login(person)
        return client

    return sign_in


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Tests of a module with shared data run on one worker (``--dist loadgroup``). The
    long ones (browser tests, and groups that run on one worker) are handed out first, so
    that the run does not end with one worker busy and the others idle.

    Browser tests need Debian's Chromium (its headless shell, or the full browser), and
    tests marked ``program`` the program they name (rapport/core/testing/programs.py).
    Without it they are deselected (and said so), except in CI, where a missing browser or
    program is an error rather than a silent skip."""
    for item in items:
        if item.module.__name__ in SHARED_MODULES:
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))
    items.sort(key=_long_ones_first)
    if os.environ.get("CI"):
        return
    missing = {item: _missing(item) for item in items}
    left_out = [item for item, what in missing.items() if what]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if not missing[item]]
        for what in sorted({missing[item] for item in left_out}):
            count = sum(missing[item] == what for item in left_out)
            print(f"\n{count} test(s) deselected: {what} is not installed.")


def _missing(item) -> str | None:
    """What the test needs that this machine lacks, if anything."""
    if item.get_closest_marker("browser") and not os.path.exists(CHROMIUM):
        return CHROMIUM
    program = item.get_closest_marker("program")
    if program and program_path(program.args[0]) is None:
        return program.args[0]
    return None


def _long_ones_first(item) -> int:
    """0 for a test that drives a browser or belongs to a group, else 1 (a stable sort
    keeps each file's order)."""
    return 0 if item.get_closest_marker("browser") or item.get_closest_marker("xdist_group") else 1


def pytest_collection_finish(session):
    """Django, the apps and every test module are loaded now and live until the end: the
    garbage collector need not walk them again (gc.freeze), and it runs less often, since a
    test makes many short-lived objects and few cycles. About 5% off the suite's time."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def pytest_sessionfinish(session):
    """The run's main process (not a worker) removes what the workers shared."""
    if not hasattr(session.config, "workerinput"):
        forget_shared()
