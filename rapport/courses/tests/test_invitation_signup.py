"""Signing up from an invitation: the invited address is filled in and is the one used."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from rapport.core.testing.sign_up import sign_up_and_confirm
from rapport.courses.models import Invitation, Membership, Role

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def invitation(cast):
    return Invitation.objects.create(
        course=cast.course, email="Newcomer@Example.org", invited_by=cast.instructor
    )


def signup_url(invitation) -> str:
    return reverse("account_signup") + f"?next=/invitations/{invitation.token}/"


def test_the_invitation_page_links_to_a_sign_up_that_shows_the_invited_address(client, invitation):
    page = client.get(f"/invitations/{invitation.token}/").content.decode()
    assert f'href="{reverse("account_signup")}?next=/invitations/{invitation.token}/"' in (
        page.replace("%2F", "/")
    )
    form = client.get(signup_url(invitation)).content.decode()
    assert 'value="Newcomer@Example.org"' in form
    assert "readonly" in form
    assert "Your invitation to Environmental Science 101 was sent to this address." in form


def test_signing_up_with_the_invited_address_then_accepting_joins_the_course(
    client, cast, invitation
):
    # The invitation's page comes back once the code emailed to the address is typed.
    response = sign_up_and_confirm(
        client,
        email="newcomer@example.org",
        preferred_name="Newcomer",
        next=f"/invitations/{invitation.token}/",
    )
    assert response.status_code == 302
    assert response["Location"] == f"/invitations/{invitation.token}/"
    response = client.post(response["Location"])
    person = User.objects.get(email="newcomer@example.org")
    assert client.session["_auth_user_id"] == str(person.pk)
    assert response["Location"] == cast.course.get_absolute_url()
    assert Membership.objects.get(course=cast.course, user=person).role == Role.LEARNER


def test_signing_up_from_an_invitation_with_another_address_is_refused(client, invitation):
    response = client.post(
        signup_url(invitation),
        {
            "preferred_name": "Sneaky",
            "email": "someone.else@example.org",
            "password1": "a-long-river-song",
            "password2": "a-long-river-song",
            "next": f"/invitations/{invitation.token}/",
        },
    )
    assert response.status_code == 200
    assert "This invitation was sent to Newcomer@Example.org" in response.content.decode()
    assert not User.objects.filter(email="someone.else@example.org").exists()


def test_a_plain_sign_up_is_not_bound_to_any_address(client, invitation):
    form = client.get(reverse("account_signup")).content.decode()
    assert "Newcomer@Example.org" not in form and "readonly" not in form
