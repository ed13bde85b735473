"""What apps register with ``rapport.core.startup`` is what ``serve`` prints once running."""

import io

import pytest
from django.core.management import call_command

from rapport.core import startup
from rapport.core.management.commands import serve


class SupervisorThatRunsNothing:
    """Stands in for serve's supervisor, so serve prints its start-up lines and returns."""

    def __init__(self, children, stderr):
        pass

    def run(self) -> int:
        return 0


@pytest.fixture
def sources(monkeypatch) -> list:
    """An empty registry for the test, so what the installed apps registered stays put."""
    registered: list = []
    monkeypatch.setattr(startup, "_sources", registered)
    return registered


def test_banner_lines_come_from_every_source_in_the_order_they_registered(sources):
    def first():
        return ["one", "two"]

    def second():
        return ("three",)

    startup.register_banner(first)
    startup.register_banner(second)
    startup.register_banner(first)  # ready() may run again; the lines do not repeat

    assert startup.banner_lines() == ["one", "two", "three"]


def test_a_source_with_nothing_to_say_adds_no_lines(sources):
    startup.register_banner(list)

    assert startup.banner_lines() == []


@pytest.mark.django_db
def test_serve_prints_the_registered_lines_after_where_it_runs(sources, monkeypatch):
    monkeypatch.setattr(serve, "Supervisor", SupervisorThatRunsNothing)
    startup.register_banner(lambda: ["Sign in as someone@example.test"])
    out = io.StringIO()

    call_command("serve", port=1101, stdout=out)

    lines = out.getvalue().splitlines()
    running = lines.index("Rapport is running at http://127.0.0.1:1101 — press Ctrl-C to stop.")
    assert lines[running + 1] == "Sign in as someone@example.test"
