"""``serve`` tells its children where it runs, so email links point there."""

import io
import os

import pytest
from django.core.management import call_command

from rapport.core.management.commands import serve

pytestmark = pytest.mark.django_db


class _SupervisorThatRecordsTheEnvironment:
    seen: dict = {}

    def __init__(self, children, stderr):
        self.children = children

    def run(self) -> int:
        # Children get os.environ (or a copy of it made after SITE_URL was set).
        [web] = [child for child in self.children if child.name == "web server"]
        environment = web.env if web.env is not None else os.environ
        type(self).seen = {"SITE_URL": environment.get("SITE_URL")}
        return 0


@pytest.fixture
def supervisor(monkeypatch):
    monkeypatch.setattr(serve, "Supervisor", _SupervisorThatRecordsTheEnvironment)
    return _SupervisorThatRecordsTheEnvironment


def test_without_site_url_the_children_get_the_address_serve_listens_on(supervisor, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    call_command("serve", port=1100, stdout=io.StringIO())
    assert supervisor.seen == {"SITE_URL": "http://127.0.0.1:1100"}


def test_a_site_url_that_is_set_is_kept(supervisor, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://rapport.example.edu")
    call_command("serve", port=1100, stdout=io.StringIO())
    assert supervisor.seen == {"SITE_URL": "https://rapport.example.edu"}
