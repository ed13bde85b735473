"""A new person's or course's zone is proposed from the browser, and pages say when a
person never chose theirs (rather than showing a UTC "local time" that is probably wrong)."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from rapport.accounts.tests.test_views import PROFILE_URL, form_data

pytestmark = pytest.mark.django_db
User = get_user_model()
PROPOSE = 'data-browser-zone="propose"'


def signup(client, **extra):
    return client.post(
        reverse("account_signup"),
        {
            "preferred_name": "Aiko",
            "email": "aiko@example.test",
            "password1": "a-long-river-song",
            "password2": "a-long-river-song",
            **extra,
        },
    )


def test_the_sign_up_form_asks_for_a_zone_and_loads_the_browser_zone_script(client):
    page = client.get(reverse("account_signup")).content.decode()
    assert 'name="timezone"' in page and PROPOSE in page
    assert "rapport/js/browser-zone.js" in page


def test_signing_up_with_a_zone_keeps_it_as_chosen(client):
    assert signup(client, timezone="Asia/Tokyo").status_code == 302
    person = User.objects.get(email="aiko@example.test")
    assert (person.timezone, person.timezone_chosen) == ("Asia/Tokyo", True)


def test_signing_up_without_a_zone_leaves_utc_unchosen(client):
    assert signup(client).status_code == 302
    person = User.objects.get(email="aiko@example.test")
    assert (person.timezone, person.timezone_chosen) == ("UTC", False)


def test_an_unknown_zone_is_refused_at_sign_up(client):
    assert signup(client, timezone="Mars/Olympus").status_code == 200
    assert not User.objects.filter(email="aiko@example.test").exists()


def test_the_profile_says_when_no_zone_was_chosen_until_one_is_saved(cast, client_for):
    client = client_for("learner")
    page = client.get(PROFILE_URL).content.decode()
    assert "You haven't chosen a time zone yet" in page and PROPOSE in page
    assert client.post(PROFILE_URL, form_data(timezone="Asia/Tokyo")).status_code == 302
    cast.learner.refresh_from_db()
    assert cast.learner.timezone_chosen
    page = client.get(PROFILE_URL).content.decode()
    assert "You haven't chosen a time zone yet" not in page and PROPOSE not in page


def test_the_course_form_proposes_the_browser_zone_only_to_people_without_one(cast, client_for):
    client = client_for("instructor")
    assert PROPOSE in client.get(reverse("courses:create")).content.decode()
    cast.instructor.timezone_chosen = True
    cast.instructor.save()
    assert PROPOSE not in client.get(reverse("courses:create")).content.decode()


def test_the_person_page_says_when_their_zone_was_never_chosen(cast, client_for):
    url = reverse("courses:person", args=["env-sci", cast.learner.pk])
    page = client_for("instructor").get(url).content.decode()
    assert "Learner hasn't chosen a time zone yet" in page
    assert "Their local time now" not in page
    cast.learner.timezone_chosen = True
    cast.learner.save()
    page = client_for("instructor").get(url).content.decode()
    assert "Their local time now" in page
    assert "hasn't chosen a time zone" not in page
