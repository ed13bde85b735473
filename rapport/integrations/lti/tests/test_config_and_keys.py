"""The configuration page, the Canvas JSON, the admin pages and key rotation."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils.timezone import now
from lti_tool.models import Key

from rapport.factories import UserFactory
from rapport.integrations.lti.keys import keys_rotate, signing_key_ensure
from rapport.integrations.lti.models import PlatformPolicy


@pytest.fixture
def site_admin(db):
    return UserFactory(is_staff=True, is_superuser=True)


def kids(client) -> list[str]:
    return [key["kid"] for key in client.get(reverse("lti:jwks")).json()["keys"]]


def test_the_config_page_lists_what_an_lms_needs(client, site_admin, platform):
    client.force_login(site_admin)

    page = client.get(reverse("lti:config")).content.decode()

    for url in ("/lti/login/", "/lti/launch/", "/lti/jwks.json", "/lti/config.json"):
        assert f"http://testserver{url}" in page
    assert "Initiate login URL" in page and "Redirection URI(s)" in page
    assert "Example LMS" in page and "deployment-1" in page


def test_the_config_page_is_for_site_staff_only(client, cast):
    client.force_login(cast.instructor)

    response = client.get(reverse("lti:config"))

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_canvas_json_names_rapports_urls(client, db):
    config = client.get(reverse("lti:config_json")).json()

    assert config["oidc_initiation_url"] == "http://testserver/lti/login/"
    assert config["target_link_uri"] == "http://testserver/lti/launch/"
    assert config["public_jwk_url"] == "http://testserver/lti/jwks.json"
    assert config["scopes"] == [
        "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"
    ]
    placements = config["extensions"][0]["settings"]["placements"]
    assert {p["message_type"] for p in placements} == {
        "LtiResourceLinkRequest",
        "LtiDeepLinkingRequest",
    }


def test_a_fresh_site_makes_its_first_key_when_asked_for_its_jwks(client, db):
    assert not Key.objects.exists()

    assert len(kids(client)) == 1
    assert len(kids(client)) == 1


def test_rotation_keeps_the_replaced_key_for_a_day_then_retires_it(client, db):
    first = signing_key_ensure()

    second, retired = keys_rotate()

    assert retired == 0
    assert kids(client) == [str(first), str(second)]
    # Rapport signs with the new key at once (django-lti takes the newest).
    registration_key = Key.objects.active().latest()
    assert registration_key == second
    with time_machine.travel(now() + timedelta(hours=25)):
        third, retired = keys_rotate()
    assert retired == 1
    assert kids(client) == [str(second), str(third)]


def test_the_management_command_rotates(db):
    first = signing_key_ensure()
    out = StringIO()

    with time_machine.travel(now() + timedelta(days=3)):
        call_command("rotate_lti_keys", stdout=out)
        call_command("rotate_lti_keys", "--keep-previous-hours", "0", stdout=out)

    assert not Key.objects.get(pk=first.pk).is_active
    assert Key.objects.active().count() == 1
    assert "New signing key" in out.getvalue()


def test_the_admin_action_rotates(client, site_admin):
    key = signing_key_ensure()
    client.force_login(site_admin)

    response = client.post(
        reverse("admin:lti_tool_key_changelist"),
        {"action": "rotate_keys", "_selected_action": [key.pk]},
        follow=True,
    )

    assert "New signing key" in response.content.decode()
    assert Key.objects.active().count() == 2


def test_the_registration_admin_holds_the_platform_policy(client, site_admin, platform):
    client.force_login(site_admin)
    url = reverse("admin:lti_tool_ltiregistration_change", args=[platform.registration.pk])

    page = client.get(url).content.decode()

    assert "match existing accounts by email" in page.lower()
    assert PlatformPolicy._meta.get_field("match_users_by_email").default is False


def test_admin_lists_load(client, site_admin, platform):
    client.force_login(site_admin)
    platform.launch_as(client, sub="teacher-1")
    client.force_login(site_admin)

    for name in ("lti_courselink", "lti_rostersync", "lti_tool_key"):
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200
