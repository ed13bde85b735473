"""What each operation answers: the token's courses, people as the site's visibility rules
show them, the ledger with its filters, the radar's own indicators, notes and shout-outs
through the app's services, and the refusals, all in one error body."""

from datetime import timedelta

import pytest
from django.utils import timezone

from rapport.community.models.shoutouts import Shoutout
from rapport.core import touchpoints
from rapport.core.kinds import TouchpointKind
from rapport.core.models import Notification, Touchpoint
from rapport.core.realtime import pushes_collected, user_group
from rapport.courses.models import Membership, MembershipStatus
from rapport.integrations.api.testing import api_url, bearer, token_make
from rapport.presence.models import Message
from rapport.radar.indicators import course_indicators


@pytest.fixture
def secrets(cast):
    return {
        role: token_make(getattr(cast, role), cast.course)
        for role in ("instructor", "ta", "learner", "other_learner")
    }


def get(client, path, secret, **params):
    return client.get(api_url(path), params, **bearer(secret))


def post(client, path, secret, body):
    return client.post(api_url(path), body, content_type="application/json", **bearer(secret))


def error_of(response, status):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fields"}
    return body["error"]


def test_courses_are_the_tokens_with_the_callers_role(cast, client, secrets):
    body = get(client, "/courses", secrets["ta"]).json()
    assert body["count"] == 1
    course = body["items"][0]
    assert course["slug"] == "env-sci" and course["title"] == "Environmental Science 101"
    assert course["your_role"] == "ta" and course["archived"] is False


def test_a_course_lists_the_shout_out_tags_it_offers(cast, client, secrets):
    post(client, "/courses/env-sci/shoutouts", secrets["learner"], _shoutout(cast.other_learner))
    body = get(client, "/courses/env-sci", secrets["learner"]).json()
    assert body["your_role"] == "learner"
    assert [tag["label"] for tag in body["shoutout_tags"]][:2] == ["Helpful", "Creative"]


def test_learners_see_classmates_as_each_chose(cast, client, secrets):
    person = cast.other_learner
    person.pronouns, person.about = "they/them", "I love marshes."
    person.show_pronouns_to_peers = False
    person.save()
    members = {
        m["id"]: m
        for m in get(client, "/courses/env-sci/members", secrets["learner"]).json()["items"]
    }
    assert members[person.pk]["pronouns"] is None
    assert members[person.pk]["about"] == "I love marshes."
    assert members[person.pk]["email"] is None and members[person.pk]["status"] is None
    assert [m["role"] for m in members.values()] == ["instructor", "ta", "learner", "learner"]
    cast.course.young_learners = True
    cast.course.save()
    members = {
        m["id"]: m
        for m in get(client, "/courses/env-sci/members", secrets["learner"]).json()["items"]
    }
    assert members[person.pk]["about"] is None


def test_staff_see_everyone_with_email_status_and_former_members(cast, client, secrets):
    Membership.objects.filter(user=cast.other_learner).update(status=MembershipStatus.LEFT)
    staff_view = get(client, "/courses/env-sci/members", secrets["ta"]).json()["items"]
    former = next(m for m in staff_view if m["id"] == cast.other_learner.pk)
    assert former["status"] == "left" and former["email"] == "other_learner@example.test"
    learner_view = get(client, "/courses/env-sci/members", secrets["learner"]).json()["items"]
    assert cast.other_learner.pk not in {m["id"] for m in learner_view}


def test_touchpoints_filter_by_time_kind_and_learner(cast, client, secrets):
    now = timezone.now()
    record = touchpoints.record
    record(
        course=cast.course,
        kind=TouchpointKind.SHOUTOUT,
        actor=cast.learner,
        subject=cast.other_learner,
        occurred_at=now - timedelta(days=3),
    )
    record(
        course=cast.course,
        kind=TouchpointKind.PERSONAL_MESSAGE,
        actor=cast.instructor,
        subject=cast.learner,
        occurred_at=now - timedelta(days=1),
    )
    record(
        course=cast.other_course,
        kind=TouchpointKind.SHOUTOUT,
        actor=cast.outsider,
        subject=cast.outsider,
        occurred_at=now,
    )

    def kinds(**params):
        items = get(client, "/courses/env-sci/touchpoints", secrets["instructor"], **params).json()[
            "items"
        ]
        return [item["kind"] for item in items if item["kind"] != "course_joined"]

    assert kinds() == ["personal_message", "shoutout"]
    assert kinds(since=(now - timedelta(days=2)).isoformat()) == ["personal_message"]
    assert kinds(until=(now - timedelta(days=2)).isoformat()) == ["shoutout"]
    assert kinds(kind="shoutout") == ["shoutout"]
    assert kinds(learner_id=cast.other_learner.pk) == ["shoutout"]
    item = get(
        client, "/courses/env-sci/touchpoints", secrets["instructor"], kind="shoutout"
    ).json()["items"][0]
    assert item["actor"] == {"id": cast.learner.pk, "name": "Learner"}
    error = error_of(
        get(client, "/courses/env-sci/touchpoints", secrets["instructor"], kind="nope"), 422
    )
    assert "kind" in error["fields"]


def test_the_radar_gives_the_radars_own_indicators(cast, client, secrets):
    touchpoints.record(
        course=cast.course,
        kind=TouchpointKind.PERSONAL_MESSAGE,
        actor=cast.instructor,
        subject=cast.learner,
    )
    rows = get(client, "/courses/env-sci/radar", secrets["ta"]).json()["items"]
    expected = course_indicators(course=cast.course, now=timezone.now())
    assert [row["learner"]["id"] for row in rows] == [row.user.pk for row in expected]
    assert [row["sentences"] for row in rows] == [row.sentences() for row in expected]
    learner = next(row for row in rows if row["learner"]["id"] == cast.learner.pk)
    assert learner["days_since_personal_contact"] == 0


def test_a_note_goes_through_the_apps_service(
    cast, client, secrets, django_capture_on_commit_callbacks
):
    with pushes_collected() as pushes, django_capture_on_commit_callbacks(execute=True):
        response = post(
            client,
            "/courses/env-sci/messages",
            secrets["ta"],
            {
                "learner_id": cast.learner.pk,
                "text": "Proud of you, {preferred_name}!",
                "tone": "congratulations",
            },
        )
    assert response.status_code == 201, response.content
    message = Message.objects.get()
    assert response.json()["id"] == message.pk
    assert response.json()["text"] == message.body == "Proud of you, Learner!"
    assert (message.author, message.recipient, message.tone) == (
        cast.ta,
        cast.learner,
        "congratulations",
    )
    assert Touchpoint.objects.filter(
        kind="personal_message", actor=cast.ta, subject=cast.learner
    ).exists()
    assert Notification.objects.filter(recipient=cast.learner, kind="personal_message").exists()
    assert any(group == user_group(cast.learner.pk) for group, _ in pushes)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"learner_id": 999_999, "text": "Hi"}, "learner_id"),
        ({"learner_id": "staff", "text": "Hi"}, "learner_id"),
        ({"text": "Hi"}, "learner_id"),
        ({"learner_id": "learner", "text": "   "}, "text"),
        ({"learner_id": "learner", "text": ""}, "text"),
        ({"learner_id": "learner", "text": "x" * 10_001}, "text"),
        ({"learner_id": "learner", "text": "Hi\x00"}, "text"),
        ({"learner_id": "learner", "text": "Hi", "tone": "angry"}, "tone"),
        ({"learner_id": 2**64, "text": "Hi"}, "learner_id"),
    ],
)
def test_a_bad_note_is_refused_and_nothing_is_saved(body, field, cast, client, secrets):
    people = {"staff": cast.instructor.pk, "learner": cast.learner.pk}
    body = {
        key: people.get(value, value) if key == "learner_id" else value
        for key, value in body.items()
    }
    error = error_of(post(client, "/courses/env-sci/messages", secrets["instructor"], body), 422)
    assert field in error["fields"], error
    assert not Message.objects.exists() and not Notification.objects.exists()


def _shoutout(receiver, **more):
    return {"receiver_id": receiver.pk, "message": "Thanks for the field notes!"} | more


def test_a_shout_out_goes_through_the_apps_service(cast, client, secrets):
    response = post(
        client,
        "/courses/env-sci/shoutouts",
        secrets["learner"],
        _shoutout(cast.other_learner, visibility="private"),
    )
    assert response.status_code == 201, response.content
    shoutout = Shoutout.objects.get()
    assert response.json()["tag"]["label"] == "Helpful" and shoutout.visibility == "private"
    assert Touchpoint.objects.filter(
        kind="shoutout", actor=cast.learner, subject=cast.other_learner
    ).exists()
    assert Notification.objects.filter(recipient=cast.other_learner, kind="shoutout").exists()


@pytest.mark.parametrize(
    ("receiver", "more", "field"),
    [
        ("learner", {}, "receiver_id"),  # themself
        ("outsider", {}, "receiver_id"),
        ("other_learner", {"tag_id": 999_999}, "tag_id"),
        ("other_learner", {"message": " "}, "message"),
        ("other_learner", {"message": "x" * 501}, "message"),
        ("other_learner", {"message": "Thanks\x00"}, "message"),
        ("other_learner", {"visibility": "everyone"}, "visibility"),
    ],
)
def test_a_bad_shout_out_is_refused_and_nothing_is_saved(
    receiver, more, field, cast, client, secrets
):
    body = _shoutout(getattr(cast, receiver), **more)
    error = error_of(post(client, "/courses/env-sci/shoutouts", secrets["learner"], body), 422)
    assert field in error["fields"], error
    assert not Shoutout.objects.exists()


def test_a_services_refusal_is_a_conflict_with_its_message(cast, client, secrets, settings):
    from rapport.community.models.settings import community_settings_for

    community = community_settings_for(cast.course)
    community.shoutout_daily_limit = 1
    community.save()
    assert (
        post(
            client, "/courses/env-sci/shoutouts", secrets["learner"], _shoutout(cast.ta)
        ).status_code
        == 201
    )
    error = error_of(
        post(client, "/courses/env-sci/shoutouts", secrets["learner"], _shoutout(cast.ta)), 409
    )
    assert "daily limit" in error["message"] and error["code"] == "conflict"
    assert Shoutout.objects.count() == 1


def test_malformed_json_is_a_clear_error(cast, client, secrets):
    response = client.post(
        api_url("/courses/env-sci/shoutouts"),
        "{not json",
        content_type="application/json",
        **bearer(secrets["learner"]),
    )
    assert response.status_code in (400, 422)
    error_of(response, response.status_code)


def test_pages_are_bounded(cast, client, secrets):
    body = get(client, "/courses/env-sci/members", secrets["ta"], limit=2, offset=1).json()
    assert body["count"] == 4 and len(body["items"]) == 2
    error = error_of(get(client, "/courses/env-sci/members", secrets["ta"], limit=201), 422)
    assert "limit" in error["fields"]


def test_unknown_methods_and_addresses_answer_in_the_api_s_shape(cast, client, secrets):
    response = client.delete(api_url("/courses/env-sci"), **bearer(secrets["ta"]))
    assert error_of(response, 405)["code"] == "method_not_allowed"
    assert response["Allow"] == "GET"
    error_of(get(client, "/nothing/here", secrets["ta"]), 404)
    error_of(client.get("/api/v2/courses"), 404)


def test_answers_are_not_kept_by_browsers_or_proxies(cast, client, secrets):
    assert get(client, "/courses", secrets["ta"])["Cache-Control"] == "no-store"
    assert get(client, "/courses", None)["Cache-Control"] == "no-store"


def test_a_failure_is_a_500_in_the_same_shape_without_details(cast, client, secrets, monkeypatch):
    from rapport.integrations.api.v1 import staff

    def broken(**kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(staff, "course_indicators", broken)
    response = get(client, "/courses/env-sci/radar", secrets["ta"])
    error = error_of(response, 500)
    assert "secret internals" not in response.content.decode() and error["code"] == "server_error"


def test_the_schema_and_docs_need_no_token_and_no_cdn(client):
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200 and schema.json()["info"]["title"] == "Rapport API"
    docs = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in docs
    assert "cdn" not in docs.lower() and "https://" not in docs
    assert '"validatorUrl": null' in docs


@pytest.mark.parametrize("moment", ["0.5", "1700000000", "2027-03-01", "2027-03-01T09:00:00"])
def test_times_need_a_date_a_time_and_a_zone(moment, cast, client, secrets):
    response = get(client, "/courses/env-sci/touchpoints", secrets["ta"], since=moment)
    assert "since" in error_of(response, 422)["fields"]


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"])
def test_times_at_the_ends_of_the_calendar_are_answered(moment, cast, client, secrets):
    response = get(client, "/courses/env-sci/touchpoints", secrets["ta"], until=moment)
    assert response.status_code in (200, 422)


def test_a_services_refusal_of_one_field_is_a_bad_request_naming_it(
    cast, client, secrets, monkeypatch
):
    from rapport.core.refusals import Refused
    from rapport.integrations.api.v1 import writes

    def refuse(**kwargs):
        raise Refused("Say it more kindly.", field="message")

    monkeypatch.setattr(writes, "shoutout_give", refuse)
    body = _shoutout(cast.other_learner)
    error = error_of(post(client, "/courses/env-sci/shoutouts", secrets["learner"], body), 400)
    assert error == {
        "code": "bad_request",
        "message": "Say it more kindly.",
        "fields": {"message": "Say it more kindly."},
    }
