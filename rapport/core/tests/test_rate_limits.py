"""Limits on guessing and on mass actions (rapport.core.ratelimits): past one, a friendly 429
page with Retry-After, and nothing done; below it, nothing changes."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from rapport.core.ratelimits import Limit, spend, spent
from rapport.courses.models import Invitation
from rapport.courses.views.joining import CODE_MISSES
from rapport.courses.views.members import INVITATIONS_SENT
from rapport.factories import UserFactory
from rapport.integrations.api.models import ApiToken
from rapport.integrations.api.views import TOKENS_MADE

PER_USER, PER_ADDRESS = CODE_MISSES


def assert_told_to_wait(response) -> None:
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    page = response.content.decode()
    assert "Let's take a short break" in page and "try again in" in page


def test_a_window_allows_its_number_of_attempts_then_says_how_long_to_wait():
    limit = Limit("sample", 2, 60)
    assert spend(limit, "someone") == spend(limit, "someone") == 0
    assert not spent(Limit("sample", 3, 60), "someone")
    assert 0 < spend(limit, "someone") <= 60
    assert spent(limit, "someone")
    assert not spend(limit, "someone-else")  # counted apart


def test_guessing_course_codes_is_paused_for_the_guesser(cast, client_for):
    client = client_for("outsider")
    join = reverse("courses:join")
    for n in range(PER_USER.attempts):
        response = client.post(join, {"code": f"NOPE{n:04d}"})
        assert (
            response.status_code == 200
            and "find a course with that code" in response.content.decode()
        )
    # Past the limit even the right code is not looked up: a guess that hits is no use.
    assert_told_to_wait(client.post(join, {"code": cast.course.join_code}))
    assert_told_to_wait(client.get(reverse("courses:join_link", args=[cast.course.join_code])))
    assert not cast.course.memberships.filter(user=cast.outsider).exists()
    # Someone else at the same address still joins.
    other = Client()
    other.force_login(UserFactory())
    response = other.post(join, {"code": cast.course.join_code})
    assert response.status_code == 302


def test_a_class_joining_by_its_right_code_is_never_slowed(cast):
    client = Client()
    join_link = reverse("courses:join_link", args=[cast.course.join_code])
    for _ in range(PER_ADDRESS.attempts + 5):
        client.force_login(UserFactory())
        assert client.post(join_link).status_code == 302


def test_many_wrong_links_from_one_address_are_paused(cast):
    client = Client()
    for n in range(PER_ADDRESS.attempts):
        client.force_login(UserFactory())  # a new person each time: only the address adds up
        wrong = reverse("courses:join_link", args=[f"WRONG{n:03d}"])
        assert client.get(wrong).status_code == 200
    client.force_login(UserFactory())
    assert_told_to_wait(client.get(reverse("courses:join_link", args=[cast.course.join_code])))


def test_invitations_sent_by_one_person_are_limited(cast, client_for):
    client = client_for("instructor")
    invite = reverse("courses:invite", args=[cast.course.slug])
    for n in range(INVITATIONS_SENT.attempts):
        client.post(invite, {"emails": f"pupil{n}@example.test", "role": "learner"})
    sent = Invitation.objects.filter(course=cast.course).count()
    assert sent == INVITATIONS_SENT.attempts
    response = client.post(invite, {"emails": "one-more@example.test", "role": "learner"})
    assert_told_to_wait(response)
    assert Invitation.objects.filter(course=cast.course).count() == sent
    # The TA's own budget is untouched.
    response = client_for("ta").post(invite, {"emails": "ta-asks@example.test", "role": "learner"})
    assert response.status_code == 302


def test_api_tokens_made_by_one_person_are_limited(cast, client_for):
    client = client_for("instructor")
    tokens = reverse("api:tokens")
    form = {"name": "Sync", "courses": [cast.course.pk], "access": "read"}
    for _ in range(TOKENS_MADE.attempts):
        client.post(tokens, form)
    made = ApiToken.objects.filter(user=cast.instructor).count()
    assert made >= 1
    assert_told_to_wait(client.post(tokens, form))
    assert ApiToken.objects.filter(user=cast.instructor).count() == made
    assert client.get(tokens).status_code == 200  # the list still shows


def test_allauth_limits_sign_in_sign_up_resets_and_codes():
    limits = settings.ACCOUNT_RATE_LIMITS
    for action in ("login", "login_failed", "signup", "reset_password", "request_login_code"):
        assert limits[action], action
    assert "/key" in limits["login_failed"] and "/key" in limits["reset_password"]


@pytest.mark.django_db
def test_failed_sign_ins_for_one_email_are_paused(cast):
    client = Client()
    login = reverse("account_login")
    for _ in range(5):
        client.post(login, {"login": cast.learner.email, "password": "wrong"})
    response = client.post(login, {"login": cast.learner.email, "password": cast.password})
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()
