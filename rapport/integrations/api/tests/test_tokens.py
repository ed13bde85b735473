"""Personal access tokens: made on the person's own page, the secret shown once and only
its hash kept, listed, revoked at once; the services' rules; the command."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from rapport.core.refusals import Refused
from rapport.courses.models import Membership, MembershipStatus
from rapport.integrations.api import services
from rapport.integrations.api.models import ApiToken, secret_hash
from rapport.integrations.api.testing import api_url, bearer, token_make

TOKENS = "/me/api-tokens/"


def _create(client, cast, **data):
    form = {"name": "Gradebook sync", "courses": [cast.course.pk], "access": "read"} | data
    return client.post(TOKENS, form)


def test_the_secret_is_shown_once_and_only_its_hash_is_kept(cast, client_for):
    client = client_for("instructor")
    response = _create(client, cast, access="write")
    assert response.status_code == 200
    secret = response.context["secret"]
    assert secret.startswith("rap_") and len(secret) > 40
    assert secret in response.content.decode()
    token = ApiToken.objects.get(user=cast.instructor)
    assert token.hashed_secret == secret_hash(secret) and secret not in token.hashed_secret
    assert token.prefix == secret[:12] and token.can_write
    assert list(token.courses.all()) == [cast.course]
    listed = client.get(TOKENS).content.decode()
    assert "Gradebook sync" in listed and token.prefix in listed and secret not in listed
    assert response["Cache-Control"] == "no-store"


def test_the_list_shows_name_scope_created_and_last_used(cast, client_for):
    secret = token_make(cast.learner, cast.course, can_write=False, name="Phone widget")
    client = client_for("learner")
    assert "never" in client.get(TOKENS).content.decode()
    client.get(api_url("/courses"), **bearer(secret))
    page = client_for("learner").get(TOKENS).content.decode()
    assert "Phone widget" in page and "Read only" in page and "Environmental Science 101" in page
    assert "never" not in page


def test_the_account_pages_link_to_the_tokens_page(client_for):
    page = client_for("learner").get(reverse("accounts:profile_edit")).content.decode()
    assert f'href="{TOKENS}"' in page


def test_a_token_reaches_only_courses_where_the_person_is_active(cast, client_for):
    response = _create(client_for("learner"), cast, courses=[cast.other_course.pk])
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    Membership.objects.filter(user=cast.learner).update(status=MembershipStatus.LEFT)
    page = client_for("learner").get(TOKENS).content.decode()
    assert "Join a course first" in page
    with pytest.raises(Refused, match="active member"):
        services.api_token_create(
            user=cast.learner, name="x", course_ids=[cast.course.pk], can_write=False
        )
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": ""}, "This field is required"),
        ({"courses": []}, "Choose at least one course"),
        ({"expires_on": "2001-01-01"}, "Choose today or a later day"),
        ({"access": "admin"}, "Select a valid choice"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(data, message, cast, client_for):
    response = _create(client_for("instructor"), cast, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Nothing has been saved yet" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_an_expiry_day_ends_at_midnight_in_the_persons_zone(cast, client_for):
    cast.instructor.timezone = "Pacific/Auckland"
    cast.instructor.save()
    day = timezone.now().astimezone(cast.instructor.zone()).date() + timedelta(days=3)
    _create(client_for("instructor"), cast, expires_on=day.isoformat())
    expires = ApiToken.objects.get().expires_at.astimezone(cast.instructor.zone())
    assert (expires.date(), expires.hour, expires.minute) == (day + timedelta(days=1), 0, 0)


def test_revoking_stops_the_token_at_once(cast, client_for):
    secret = token_make(cast.instructor, cast.course)
    assert client_for("instructor").get(api_url("/courses"), **bearer(secret)).status_code == 200
    token = ApiToken.objects.get()
    client = client_for("instructor")
    response = client.post(reverse("api:token_revoke", args=[token.pk]))
    assert response.status_code == 302
    assert client.get(api_url("/courses"), **bearer(secret)).status_code == 401
    assert "Revoked" in client.get(TOKENS).content.decode()


def test_nobody_revokes_another_persons_token(cast, client_for):
    token_make(cast.instructor, cast.course)
    token = ApiToken.objects.get()
    response = client_for("learner").post(reverse("api:token_revoke", args=[token.pk]))
    assert response.status_code == 404
    with pytest.raises(Refused):
        services.api_token_revoke(token=token, by=cast.learner)
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_pages_are_for_signed_in_people(client):
    assert client.get(TOKENS).status_code == 302
    assert client.post(reverse("api:token_revoke", args=[1])).status_code == 302


def test_a_person_has_a_limited_number_of_tokens_in_use(cast):
    for number in range(services.MAX_ACTIVE_TOKENS):
        token_make(cast.learner, cast.course, name=f"Token {number}")
    with pytest.raises(Refused, match="Revoke one"):
        token_make(cast.learner, cast.course)
    services.api_token_revoke(token=ApiToken.objects.first(), by=cast.learner)
    token_make(cast.learner, cast.course)


def test_last_used_is_written_at_most_once_a_minute(cast, client):
    secret = token_make(cast.instructor, cast.course)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.get(api_url("/courses"), **bearer(secret))
        first = ApiToken.objects.get().last_used_at
        assert first is not None
        traveller.shift(30)
        client.get(api_url("/courses"), **bearer(secret))
        assert ApiToken.objects.get().last_used_at == first
        traveller.shift(31)
        client.get(api_url("/courses"), **bearer(secret))
        assert ApiToken.objects.get().last_used_at > first


def test_the_command_prints_a_working_token(cast, client):
    out = StringIO()
    call_command(
        "api_token_create", "Instructor@example.test", "--course", "env-sci", "--write", stdout=out
    )
    secret = out.getvalue().strip()
    assert ApiToken.objects.get().can_write
    assert client.get(api_url("/courses/env-sci/radar"), **bearer(secret)).status_code == 200
    with pytest.raises(CommandError, match="No course"):
        call_command("api_token_create", "instructor@example.test", "--course", "nope")
    with pytest.raises(CommandError, match="Nobody"):
        call_command("api_token_create", "nobody@example.test", "--course", "env-sci")
