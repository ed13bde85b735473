"""Signing in to the admin goes through allauth's sign-in, which is throttled."""

import pytest
from django.urls import reverse

from rapport.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "the-right-password-42"


@pytest.fixture
def admin_person(db):
    person = UserFactory(email="root@example.test", is_staff=True, is_superuser=True)
    person.set_password(PASSWORD)
    person.save()
    return person


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_guessing_passwords_on_the_admin_form_is_throttled(client, admin_person):
    for attempt in range(12):
        client.post("/admin/login/", {"username": admin_person.email, "password": f"nope{attempt}"})
        client.post(
            reverse("account_login"), {"login": admin_person.email, "password": f"nope{attempt}"}
        )
    client.post("/admin/login/", {"username": admin_person.email, "password": PASSWORD})
    assert not signed_in(client)
    response = client.post(
        reverse("account_login"), {"login": admin_person.email, "password": PASSWORD}
    )
    assert response.status_code in (200, 429)
    assert not signed_in(client)


def test_the_admin_sign_in_page_sends_people_to_rapports_sign_in(client, admin_person):
    response = client.post("/admin/login/", {"username": admin_person.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")
    assert not signed_in(client)


def test_staff_signed_in_through_rapport_reach_the_admin(client, admin_person):
    response = client.post(
        reverse("account_login") + "?next=/admin/",
        {"login": admin_person.email, "password": PASSWORD},
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_people_who_are_not_staff_are_kept_out_of_the_admin(client_for):
    assert client_for("learner").get("/admin/login/").status_code == 403
