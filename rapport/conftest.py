"""The shared cast, like healthchecks' Alice/Bob/Charlie: in one course an instructor, a TA,
a learner and another learner; and an outsider who belongs to a different course."""

import os
from dataclasses import dataclass

import pytest
from huey.contrib.djhuey import HUEY

from rapport.core.testing.shared_data import (
    SHARED_MEDIA,
    SHARED_MODULES,
    SHARED_OUTBOX,
    test_settings,
)
from rapport.courses.models import Role
from rapport.factories import PASSWORD, CourseFactory, MembershipFactory, UserFactory


@pytest.fixture(autouse=True, scope="session")
def _tasks_run_immediately():
    HUEY.immediate = True
    yield


@pytest.fixture
def media_folder(request, tmp_path):
    """Each test's own media folder, or the one its module's shared data wrote to."""
    return SHARED_MEDIA.get(request.module.__name__, tmp_path / "media")


@pytest.fixture
def module_outbox(request) -> list:
    """The emails sent while the module's shared data was built."""
    return SHARED_OUTBOX[request.module.__name__]


@pytest.fixture(autouse=True)
def _test_settings(settings, media_folder):
    settings.MEDIA_ROOT = media_folder
    for name, value in test_settings(settings).items():
        setattr(settings, name, value)


@dataclass
class Cast:
    course: object
    instructor: object
    ta: object
    learner: object
    other_learner: object
    outsider: object
    other_course: object
    password: str = PASSWORD

    def by_role(self, name: str):
        return None if name == "anonymous" else getattr(self, name)


@pytest.fixture
def cast(db) -> Cast:
    course = CourseFactory(title="Environmental Science 101", slug="env-sci")
    other_course = CourseFactory(title="Poetry Workshop", slug="poetry")
    people = {}
    for name, role in [
        ("instructor", Role.INSTRUCTOR),
        ("ta", Role.TA),
        ("learner", Role.LEARNER),
        ("other_learner", Role.LEARNER),
    ]:
        people[name] = UserFactory(email=f"{name}@example.test", preferred_name=name.title())
        MembershipFactory(course=course, user=people[name], role=role)
    outsider = UserFactory(email="outsider@example.test", preferred_name="Outsider")
    MembershipFactory(course=other_course, user=outsider, role=Role.INSTRUCTOR)
    return Cast(course=course, outsider=outsider, other_course=other_course, **people)


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
    """Tests of a module with shared data run on one worker (``--dist loadgroup``).

    Browser tests need Debian's Chromium. Without it they are deselected (and said so),
    except in CI, where a missing browser is an error rather than a silent skip."""
    for item in items:
        if item.module.__name__ in SHARED_MODULES:
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))
    if os.path.exists("/usr/bin/chromium") or os.environ.get("CI"):
        return
    browser = [item for item in items if item.get_closest_marker("browser")]
    if browser:
        config.hook.pytest_deselected(items=browser)
        items[:] = [item for item in items if not item.get_closest_marker("browser")]
        print(f"\n{len(browser)} browser test(s) deselected: /usr/bin/chromium is not installed.")
