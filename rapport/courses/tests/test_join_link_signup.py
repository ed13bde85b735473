"""A learner new to Rapport follows a course's join link, signs up, types the code emailed to
them on the next page, and is back on the join link, signed in, one click from the course."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.urls import reverse

from rapport.core.testing.sign_up import (
    PASSWORD,
    confirm_code,
    optional_verification,
    sign_up,
)
from rapport.courses.models import JoinedVia, Membership, MembershipStatus, Role

pytestmark = pytest.mark.django_db
User = get_user_model()
KWAME = "kwame@example.test"


def join_link(course) -> str:
    return reverse("courses:join_link", args=[course.join_code])


def signed_in_as(client, email: str) -> bool:
    return client.session.get("_auth_user_id") == str(User.objects.get(email=email).pk)


def test_signing_up_from_a_join_link_confirms_the_code_then_joins_the_course(client, cast):
    join = join_link(cast.course)
    page = client.get(join).content.decode()
    assert f'href="{reverse("account_signup")}?next={join}"' in page

    response = sign_up(client, email=KWAME, preferred_name="Kwame", next=join)
    # The next page asks for the emailed code; nobody is signed in before it is typed.
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    code_page = client.get(response["Location"])
    assert code_page.status_code == 200
    assert KWAME in code_page.content.decode()
    assert "_auth_user_id" not in client.session
    assert not EmailAddress.objects.get(email=KWAME).verified

    response = confirm_code(client, KWAME)
    assert response.status_code == 302
    assert response["Location"] == join  # the join link survived the code step
    assert signed_in_as(client, KWAME)
    assert EmailAddress.objects.get(email=KWAME, primary=True).verified

    page = client.get(join).content.decode()
    assert "Join Environmental Science 101</button>" in page
    response = client.post(join, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == cast.course.get_absolute_url()
    assert "Welcome to Environmental Science 101!" in response.content.decode()
    membership = Membership.objects.get(course=cast.course, user__email=KWAME)
    assert (membership.role, membership.status, membership.joined_via) == (
        Role.LEARNER,
        MembershipStatus.ACTIVE,
        JoinedVia.CODE,
    )


def test_a_wrong_code_keeps_the_person_on_the_code_page_signed_out(client, cast):
    sign_up(client, email=KWAME, next=join_link(cast.course))
    response = client.post(reverse("account_email_verification_sent"), {"code": "AAAA-AAAA"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert not EmailAddress.objects.get(email=KWAME).verified


def test_the_new_account_then_signs_in_with_its_password_alone(client, cast):
    sign_up(client, email=KWAME, next=join_link(cast.course))
    confirm_code(client, KWAME)
    client.post(reverse("account_logout"))
    response = client.post(reverse("account_login"), {"login": KWAME, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("courses:start")
    assert signed_in_as(client, KWAME)


def test_with_optional_verification_the_sign_up_goes_straight_back_to_the_join_link(client, cast):
    join = join_link(cast.course)
    with optional_verification():
        response = sign_up(client, email=KWAME, next=join)
    assert response.status_code == 302 and response["Location"] == join
    assert signed_in_as(client, KWAME)
