"""Course settings: details, the join link panel and archiving."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils.timezone import localtime, now

from rapport.courses.models import Course

pytestmark = pytest.mark.django_db

SETTINGS = "/c/env-sci/settings/"


def url(name):
    return reverse(f"courses:{name}", args=["env-sci"])


def fresh(cast) -> Course:
    return Course.objects.get(pk=cast.course.pk)


def test_instructor_sees_the_details_form_and_the_join_panel(cast, client_for):
    response = client_for("instructor").get(SETTINGS)
    content = response.content.decode()
    assert response.status_code == 200
    assert f'action="{url("edit")}"' in content
    assert f"http://testserver/join/{cast.course.join_code}/" in content
    assert cast.course.join_code in content and "data-copy" in content
    assert f'action="{url("join_code_rotate")}"' in content
    assert f'action="{url("archive")}"' in content


def test_ta_sees_settings_read_only_with_the_join_link(cast, client_for):
    response = client_for("ta").get(SETTINGS)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Only instructors can change these." in content
    assert f"http://testserver/join/{cast.course.join_code}/" in content
    assert url("edit") not in content and url("join_code_rotate") not in content


@pytest.mark.parametrize("name", ["edit", "join_settings", "join_code_rotate", "archive"])
def test_ta_posts_to_instructor_actions_are_404(cast, client_for, name):
    code = cast.course.join_code
    assert client_for("ta").post(url(name), {"title": "Hijacked"}).status_code == 404
    course = fresh(cast)
    assert course.title == "Environmental Science 101" and course.join_code == code
    assert course.archived_at is None


def test_learners_cannot_see_settings(cast, client_for):
    assert client_for("learner").get(SETTINGS).status_code == 404


def test_instructor_edits_details(cast, client_for):
    response = client_for("instructor").post(
        url("edit"),
        {
            "title": "Environmental Science 102",
            "term": "Fall 2027",
            "description": "Rivers and forests.",
            "timezone": "Africa/Lagos",
            "young_learners": "on",
        },
    )
    assert response.status_code == 302 and response["Location"] == SETTINGS
    course = fresh(cast)
    assert course.title == "Environmental Science 102" and course.young_learners
    assert course.slug == "env-sci"


def test_edit_with_end_before_start_shows_the_error_and_changes_nothing(cast, client_for):
    response = client_for("instructor").post(
        url("edit"),
        {
            "title": "Changed",
            "timezone": "UTC",
            "starts_on": "2027-05-01",
            "ends_on": "2027-04-01",
        },
    )
    assert response.status_code == 200
    assert "end date can&#x27;t be before the start date" in response.content.decode()
    assert fresh(cast).title == "Environmental Science 101"
    # the page chrome still shows the saved title, not the rejected one
    assert "<title>Course settings · Environmental Science 101" in response.content.decode()


def test_switch_joining_off_and_set_an_expiry(cast, client_for):
    expires = localtime(now() + timedelta(days=3)).replace(second=0, microsecond=0)
    client = client_for("instructor")
    client.post(url("join_settings"), {"join_code_expires_at": expires.strftime("%Y-%m-%dT%H:%M")})
    course = fresh(cast)
    assert course.join_enabled is False
    assert course.join_code_expires_at == expires
    client.post(url("join_settings"), {"join_enabled": "on", "join_code_expires_at": ""})
    course = fresh(cast)
    assert course.join_enabled and course.join_code_expires_at is None


def test_expiry_in_the_past_is_refused(cast, client_for):
    response = client_for("instructor").post(
        url("join_settings"), {"join_enabled": "on", "join_code_expires_at": "2001-01-01T10:00"}
    )
    assert response.status_code == 200
    assert "Choose a time in the future" in response.content.decode()
    assert fresh(cast).join_code_expires_at is None


def test_new_link_replaces_the_old_one(cast, client_for):
    old = cast.course.join_code
    client = client_for("instructor")
    response = client.post(url("join_code_rotate"), follow=True)
    new = fresh(cast).join_code
    assert new != old
    assert f"/join/{new}/" in response.content.decode()
    outsider_view = client_for("outsider").get(f"/join/{old}/")
    assert "no longer valid" in outsider_view.content.decode()


def test_archive_and_unarchive(cast, client_for):
    client = client_for("instructor")
    client.post(url("archive"))
    assert fresh(cast).archived_at is not None
    assert "Unarchive" in client.get(SETTINGS).content.decode()
    client.post(url("unarchive"))
    assert fresh(cast).archived_at is None


def test_settings_actions_are_post_only(cast, client_for):
    assert client_for("instructor").get(url("archive")).status_code == 405
