"""Email verification is mandatory (rapport.settings). People whose address someone vouches
for — a class list, a learning platform, the server's operator, the tests' factory — sign
in with their password or with one emailed code, and are never asked to confirm their
address; people who signed up themselves and never confirmed it do so once, at their next
sign-in."""

import importlib

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from lti_tool.models import LtiRegistration

from rapport.accounts.services import email_addresses_mark_verified
from rapport.core.testing.sign_up import confirm_code, emailed_code
from rapport.courses.models import JoinedVia
from rapport.courses.services.roster import RosterPerson, roster_apply
from rapport.factories import PASSWORD, CourseFactory, UserFactory
from rapport.integrations.lti.people import PlatformPerson, person_resolve, stand_in_email

pytestmark = pytest.mark.django_db
User = get_user_model()
EMAIL = "tama@example.test"
MIGRATION = importlib.import_module(
    "rapport.accounts.migrations.0005_sign_in_addresses_given_by_others_verified"
)


def sign_in_with_password(client, email: str):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("account_login"), {"login": email, "password": PASSWORD})


def sign_in_by_code(client, email: str):
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("account_request_login_code"), {"email": email})
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("account_confirm_login_code"), {"code": emailed_code(email)})


def assert_signed_in(client, response, user) -> None:
    """Signed in as ``user`` and sent on to where signing in lands."""
    assert response.status_code == 302
    assert response["Location"] == reverse("courses:start")
    assert client.session.get("_auth_user_id") == str(user.pk)


def a_platform() -> LtiRegistration:
    return LtiRegistration.objects.create(
        name="Example LMS", issuer="https://lms.example.edu", client_id="rapport"
    )


def with_password(user):
    """As after they chose one through "Forgot your password?"."""
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    return user


def from_a_class_list():
    course = CourseFactory()
    roster_apply(
        course=course,
        people=[RosterPerson(email=EMAIL, full_name="Tama Ngata")],
        source=JoinedVia.IMPORTED,
    )
    return User.objects.get(email=EMAIL)


def from_a_learning_platform():
    registration = a_platform()
    person = PlatformPerson(sub="u-1", given_name="Tama", email=EMAIL)
    return person_resolve(registration=registration, person=person)


def from_createsuperuser(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command("createsuperuser", "--no-input", email=EMAIL, verbosity=0)
    return User.objects.get(email=EMAIL)


def from_before_verification_was_mandatory():
    """Made without a record of the address (a class list, an LMS or createsuperuser before
    this change), then the migration that came with it."""
    user = UserFactory(email=EMAIL, email_verified=False)
    MIGRATION.record_given_addresses(apps, None)
    return user


@pytest.fixture(
    params=[
        "factory",
        "class list",
        "learning platform",
        "createsuperuser",
        "before, migrated",
    ]
)
def vouched_for(request, monkeypatch):
    match request.param:
        case "factory":
            return UserFactory(email=EMAIL)
        case "class list":
            return with_password(from_a_class_list())
        case "learning platform":
            return with_password(from_a_learning_platform())
        case "createsuperuser":
            return from_createsuperuser(monkeypatch)
        case "before, migrated":
            return from_before_verification_was_mandatory()


def test_their_address_is_recorded_verified_and_primary(vouched_for):
    address = EmailAddress.objects.get(user=vouched_for)
    assert (address.email, address.verified, address.primary) == (EMAIL, True, True)


def test_they_sign_in_with_their_password_alone(client, vouched_for):
    response = sign_in_with_password(client, EMAIL)
    assert_signed_in(client, response, vouched_for)
    assert mail.outbox == []


def test_they_sign_in_with_one_emailed_code(client, vouched_for):
    response = sign_in_by_code(client, EMAIL)
    assert_signed_in(client, response, vouched_for)
    assert len(mail.outbox) == 1


def test_a_superuser_reaches_the_admin_with_their_password(client, monkeypatch):
    from_createsuperuser(monkeypatch)
    response = client.post(
        reverse("account_login") + "?next=/admin/", {"login": EMAIL, "password": PASSWORD}
    )
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_people_made_from_a_class_list_have_no_password_to_guess():
    assert not from_a_class_list().has_usable_password()


def test_a_platform_that_shares_no_email_gets_a_stand_in_and_no_address_record():
    registration = a_platform()
    user = person_resolve(registration=registration, person=PlatformPerson(sub="u-2"))
    assert user.email == stand_in_email(registration, "u-2")
    assert not EmailAddress.objects.filter(user=user).exists()


# --- people who signed up themselves --------------------------------------------------


@pytest.fixture
def never_confirmed(db):
    """Signed up while verification was optional and never followed the link: allauth
    recorded the address, unverified (the migration leaves it so)."""
    user = UserFactory(email=EMAIL, email_verified=False)
    EmailAddress.objects.create(user=user, email=EMAIL, primary=True, verified=False)
    MIGRATION.record_given_addresses(apps, None)
    return user


def test_never_confirmed_with_a_password_type_one_code_first(client, never_confirmed):
    response = sign_in_with_password(client, EMAIL)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    response = confirm_code(client, EMAIL)
    assert_signed_in(client, response, never_confirmed)
    assert EmailAddress.objects.get(user=never_confirmed).verified


def test_never_confirmed_by_code_the_sign_in_code_confirms_the_address(client, never_confirmed):
    response = sign_in_by_code(client, EMAIL)
    assert_signed_in(client, response, never_confirmed)
    assert len(mail.outbox) == 1
    assert EmailAddress.objects.get(user=never_confirmed).verified


# --- the service and the migration ----------------------------------------------------


def test_marking_verified_verifies_an_unconfirmed_record_and_keeps_another_primary():
    user = UserFactory(email=EMAIL, email_verified=False)
    EmailAddress.objects.create(user=user, email="old@example.test", primary=True, verified=True)
    EmailAddress.objects.create(user=user, email=EMAIL, primary=False, verified=False)
    email_addresses_mark_verified(users=[user])
    assert set(
        EmailAddress.objects.filter(user=user).values_list("email", "primary", "verified")
    ) == {
        ("old@example.test", True, True),
        (EMAIL, False, True),
    }


def test_an_address_another_account_verified_is_left_alone():
    other = UserFactory(email="other@example.test")
    EmailAddress.objects.create(user=other, email=EMAIL, primary=False, verified=True)
    user = UserFactory(email=EMAIL, email_verified=False)
    email_addresses_mark_verified(users=[user])
    MIGRATION.record_given_addresses(apps, None)
    assert not EmailAddress.objects.filter(user=user).exists()


def test_marking_verified_is_a_few_queries_whatever_the_number(django_assert_max_num_queries):
    people = [UserFactory(email_verified=False) for _ in range(30)]
    with django_assert_max_num_queries(5):
        email_addresses_mark_verified(users=people)
    assert EmailAddress.objects.filter(user__in=people, verified=True, primary=True).count() == 30


def test_the_migration_leaves_stand_ins_and_recorded_addresses_alone():
    stand_in = UserFactory(email="lti-abc@lms.example.edu.invalid", email_verified=False)
    unconfirmed = UserFactory(email=EMAIL, email_verified=False)
    EmailAddress.objects.create(user=unconfirmed, email=EMAIL, primary=True, verified=False)
    given = UserFactory(email="given@example.test", email_verified=False)
    MIGRATION.record_given_addresses(apps, None)
    assert not EmailAddress.objects.filter(user=stand_in).exists()
    assert not EmailAddress.objects.get(user=unconfirmed).verified
    assert EmailAddress.objects.get(user=given).verified
