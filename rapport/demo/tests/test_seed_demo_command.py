"""``seed_demo`` on an empty database: it refuses without DEBUG unless forced."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from rapport.courses.models import Membership
from rapport.demo.tests.test_seed_demo import run_seed

User = get_user_model()


def test_refuses_when_debug_is_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        run_seed()
    assert not User.objects.exists()


def test_force_seeds_even_when_debug_is_off(db, settings):
    settings.DEBUG = False
    output = run_seed("--force")
    assert "Demo ready" in output
    assert Membership.objects.filter(course__slug="env-sci-101").count() == 27
