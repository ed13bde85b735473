"""``seed_demo`` on an empty database: it refuses without DEBUG unless forced."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from rapport.courses.models import Membership
from rapport.demo.management.commands import seed_demo as command
from rapport.demo.testing import demo_on_a_saturday
from rapport.demo.tests.test_seed_demo import run_seed

User = get_user_model()


def test_refuses_when_debug_is_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        run_seed()
    assert not User.objects.exists()


@pytest.fixture
def seeding_the_runs_demo(monkeypatch):
    """The command's ``seed_demo()``, at the moment of the demo most of the run's tests read
    (``demo_on_a_saturday``): that demo, on an empty database as here, written back from
    its snapshot when the run has built it already (seeding it again takes seconds)."""

    def seed_demo(**kwargs):
        assert kwargs == {}, "the command seeds the demo as of now"
        return demo_on_a_saturday().result

    monkeypatch.setattr(command, "seed_demo", seed_demo)


def test_force_seeds_even_when_debug_is_off(db, settings, seeding_the_runs_demo):
    settings.DEBUG = False
    output = run_seed("--force")
    assert output.startswith("Added ")  # the first run adds the whole demo
    assert "Demo ready" in output
    assert Membership.objects.filter(course__slug="env-sci-101").count() == 27
