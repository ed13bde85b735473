"""Time-zone fields offer and accept only real zones, read from this machine's tzdata when
asked — and migrations never freeze one host's list of zones, so a machine with other tzdata
sees no pending migration."""

import io
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from rapport.accounts import models as accounts_models
from rapport.accounts.forms import ProfileForm
from rapport.accounts.models import User, time_zone_choices
from rapport.courses.forms import CourseForm
from rapport.courses.models import Course

TIME_ZONE_FIELDS = [("accounts", "user"), ("courses", "course")]


@pytest.fixture
def migrations(settings):
    """The project's migrations, read from disk even when the run's test databases were
    made without them (``make test`` passes --no-migrations)."""
    settings.MIGRATION_MODULES = {}


@pytest.mark.parametrize("model", [User, Course])
def test_the_field_names_the_choices_function_not_a_list_of_zones(model):
    kwargs = model._meta.get_field("timezone").deconstruct()[3]
    assert kwargs["choices"] is time_zone_choices


@pytest.mark.parametrize("app_label,model_name", TIME_ZONE_FIELDS)
def test_the_migrated_state_carries_no_list_of_zones(db, migrations, app_label, model_name):
    state = MigrationLoader(connection).project_state()
    field = state.models[app_label, model_name].fields["timezone"]
    choices = field.deconstruct()[3]["choices"]
    assert callable(choices)
    assert not isinstance(choices, (list, tuple))


def test_migrations_stay_in_step_on_a_host_with_other_tzdata(db, migrations, monkeypatch):
    monkeypatch.setattr(zoneinfo, "available_timezones", lambda: {"UTC", "Europe/Lisbon"})
    accounts_models._zones_with_labels.cache_clear()
    try:
        assert time_zone_choices() == [("Europe/Lisbon", "Europe/Lisbon"), ("UTC", "UTC")]
        call_command("makemigrations", "--check", "--dry-run", stdout=io.StringIO())
    finally:
        accounts_models._zones_with_labels.cache_clear()


def test_choices_list_real_zones_with_readable_labels():
    choices = dict(time_zone_choices())
    assert choices["America/New_York"] == "America/New York"
    assert "Mars/Olympus" not in choices


def test_a_person_cannot_have_a_zone_that_does_not_exist(cast):
    cast.learner.timezone = "Mars/Olympus"
    with pytest.raises(ValidationError) as refused:
        cast.learner.full_clean()
    assert "timezone" in refused.value.message_dict


def test_the_profile_form_refuses_an_unknown_zone(cast):
    form = ProfileForm(data={"timezone": "Mars/Olympus"}, instance=cast.learner)
    assert not form.is_valid()
    assert "timezone" in form.errors
    cast.learner.refresh_from_db()
    assert cast.learner.timezone != "Mars/Olympus"


def test_the_course_form_refuses_an_unknown_zone_and_takes_a_real_one(cast):
    data = {"title": "Env Sci", "timezone": "Mars/Olympus"}
    form = CourseForm(data=data, instance=cast.course)
    assert not form.is_valid()
    assert "timezone" in form.errors
    form = CourseForm(data={**data, "timezone": "Pacific/Auckland"}, instance=cast.course)
    assert form.is_valid(), form.errors
