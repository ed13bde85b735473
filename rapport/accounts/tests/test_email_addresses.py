"""Making an address primary on allauth's "Email addresses" page."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from rapport.core.testing.sign_up import optional_verification

pytestmark = pytest.mark.django_db


def rows():
    return sorted(EmailAddress.objects.values_list("user_id", "email", "primary", "verified"))


def user_emails(django_user_model):
    return sorted(django_user_model.objects.values_list("pk", "email"))


@pytest.fixture
def learner_with_instructors_address(cast, client_for):
    assert EmailAddress.objects.get(user=cast.instructor, email=cast.instructor.email).verified
    client = client_for("learner")
    client.raise_request_exception = True
    # Where verification is optional (or was, when the row was made), allauth records an
    # added address before it is confirmed; with codes it records it only once confirmed.
    with optional_verification():
        client.post(reverse("account_email"), {"action_add": "", "email": cast.instructor.email})
    assert EmailAddress.objects.filter(user=cast.learner, email=cast.instructor.email).exists()
    return client


def test_making_another_accounts_address_primary_is_refused_and_changes_nothing(
    cast, learner_with_instructors_address, django_user_model
):
    before, people_before = rows(), user_emails(django_user_model)
    response = learner_with_instructors_address.post(
        reverse("account_email"),
        {"action_primary": "", "email": cast.instructor.email},
        follow=True,
    )
    assert response.status_code == 200
    assert f"Confirm {cast.instructor.email} first" in response.content.decode()
    assert rows() == before
    assert user_emails(django_user_model) == people_before


def test_even_a_verified_copy_of_another_accounts_address_cannot_become_primary(
    cast, learner_with_instructors_address, django_user_model
):
    # Possible only while the other account has no confirmed record of its own address.
    EmailAddress.objects.filter(user=cast.instructor).delete()
    EmailAddress.objects.filter(user=cast.learner, email=cast.instructor.email).update(
        verified=True
    )
    before, people_before = rows(), user_emails(django_user_model)
    response = learner_with_instructors_address.post(
        reverse("account_email"),
        {"action_primary": "", "email": cast.instructor.email},
        follow=True,
    )
    assert "sign-in address of another Rapport account" in response.content.decode()
    assert rows() == before
    assert user_emails(django_user_model) == people_before


def test_a_confirmed_address_of_ones_own_becomes_primary(cast, client_for):
    client = client_for("learner")
    client.get(reverse("account_email"))  # allauth records the sign-in address
    EmailAddress.objects.create(user=cast.learner, email="new.me@example.test", verified=True)
    response = client.post(
        reverse("account_email"), {"action_primary": "", "email": "new.me@example.test"}
    )
    assert response.status_code == 302
    cast.learner.refresh_from_db()
    assert cast.learner.email == "new.me@example.test"
