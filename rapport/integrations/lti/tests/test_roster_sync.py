"""Roster sync through Names and Role Provisioning, against the test platform."""

from urllib.parse import parse_qs

import jwt
import pytest
from django.urls import reverse

from rapport.core.enums import JoinedVia, MembershipStatus, Role
from rapport.courses.models import Course, Membership
from rapport.factories import UserFactory
from rapport.integrations.lti.models import CourseLink, RosterSync, SyncStatus
from rapport.integrations.lti.roster_sync import roster_sync_request
from rapport.integrations.lti.testing import (
    CLIENT_ID,
    INSTRUCTOR,
    LEARNER,
    MEMBERSHIP,
    NRPS_CLAIM,
    NRPS_URL,
    member,
)

WITH_NRPS = {NRPS_CLAIM: {"context_memberships_url": NRPS_URL, "service_versions": ["2.0"]}}
CLASS = [
    member("teacher-1", roles=INSTRUCTOR, name="Ada Lovelace"),
    member("learner-1", name="Grace Hopper"),
    member("learner-2", name="Katherine Johnson"),
    member("learner-3", name="Dorothy Vaughan"),
    member("learner-4", name="Mary Jackson"),
]


@pytest.fixture
def synced(client, platform, mocked, django_capture_on_commit_callbacks):
    """Launch as the instructor with the NRPS claim, the class list served in pages of two;
    returns a function that launches again with another list."""

    def launch(members=CLASS, *, page_size=2, sub="teacher-1"):
        mocked.reset()
        platform.mock(mocked, members=members, page_size=page_size)
        with django_capture_on_commit_callbacks(execute=True):
            return platform.launch_as(client, sub=sub, **WITH_NRPS)

    return launch


def active_subs(course) -> dict:
    return dict(
        Membership.objects.filter(course=course, status=MembershipStatus.ACTIVE).values_list(
            "user__lti_users__sub", "role"
        )
    )


def test_an_instructor_launch_syncs_the_whole_class_list_across_pages(synced):
    synced()

    course = Course.objects.get()
    assert active_subs(course) == {
        "teacher-1": Role.INSTRUCTOR,
        "learner-1": Role.LEARNER,
        "learner-2": Role.LEARNER,
        "learner-3": Role.LEARNER,
        "learner-4": Role.LEARNER,
    }
    assert set(Membership.objects.values_list("joined_via", flat=True)) == {JoinedVia.LTI}
    grace = Membership.objects.get(user__lti_users__sub="learner-1").user
    assert (grace.full_name, grace.has_usable_password()) == ("Grace Hopper", False)
    sync = RosterSync.objects.get()
    assert (sync.status, sync.progress, sync.error) == (SyncStatus.DONE, 100, "")
    assert sync.outcome.startswith("4 added, 1 unchanged")


def test_the_token_request_is_signed_by_rapports_key(synced, client, mocked):
    synced()

    token_call = next(call for call in mocked.calls if call.request.url.endswith("/token"))
    form = parse_qs(token_call.request.body)
    assert form["grant_type"] == ["client_credentials"]
    assert "contextmembership.readonly" in form["scope"][0]
    jwks = client.get(reverse("lti:jwks")).json()
    key = jwt.PyJWK(jwks["keys"][0]).key
    assertion = jwt.decode(
        form["client_assertion"][0], key, algorithms=["RS256"], audience=token_call.request.url
    )
    assert assertion["iss"] == assertion["sub"] == CLIENT_ID
    nrps_calls = [call for call in mocked.calls if call.request.url.startswith(NRPS_URL)]
    assert len(nrps_calls) == 3  # pages of 2, 2 and 1, followed by their Link headers
    assert nrps_calls[0].request.headers["Authorization"] == "Bearer platform-token"


def test_syncing_again_changes_nothing(synced, django_capture_on_commit_callbacks):
    synced()
    before = list(Membership.objects.order_by("pk").values())

    with django_capture_on_commit_callbacks(execute=True):
        sync = roster_sync_request(link=CourseLink.objects.get())

    sync.refresh_from_db()
    assert sync.status == SyncStatus.DONE
    assert sync.outcome == "5 unchanged."
    assert list(Membership.objects.order_by("pk").values()) == before


def test_learners_who_left_the_lms_course_leave_rapports(synced):
    synced()
    course = Course.objects.get()
    by_code = UserFactory()
    Membership.objects.create(course=course, user=by_code, joined_via=JoinedVia.CODE)
    # learner-2 is gone from the list, learner-3 is still on it but inactive.
    after = [CLASS[0], CLASS[1], {**CLASS[3], "status": "Inactive"}, CLASS[4]]

    synced(after)  # too soon after the last sync: a launch starts no other
    assert RosterSync.objects.count() == 1
    CourseLink.objects.get().syncs.update(finished_at="2000-01-01T00:00Z")
    synced(after)

    assert set(active_subs(course)) == {"teacher-1", "learner-1", "learner-4", None}
    assert Membership.objects.get(user=by_code).status == MembershipStatus.ACTIVE
    gone = Membership.objects.get(user__lti_users__sub="learner-2")
    assert gone.status == MembershipStatus.REMOVED
    assert RosterSync.objects.latest().outcome.startswith("2 removed")


def test_people_met_at_launch_are_the_same_people_in_the_sync(synced, client, platform):
    synced([CLASS[0]])
    client.logout()
    platform.launch_as(client, sub="learner-1", roles=LEARNER)
    CourseLink.objects.get().syncs.update(finished_at="2000-01-01T00:00Z")
    client.logout()

    synced(CLASS[:2])

    assert Membership.objects.filter(user__lti_users__sub="learner-1").count() == 1
    assert Membership.objects.count() == 2


def test_the_sync_does_not_match_by_email_unless_allowed(synced):
    someone = UserFactory(email="learner-1@lms.example.edu")

    synced(CLASS[:2])

    assert not Membership.objects.filter(user=someone).exists()


def test_mentors_and_people_without_a_rapport_role_are_left_out(synced):
    synced([CLASS[0], member("parent-1", roles=[MEMBERSHIP + "Mentor"])])

    assert set(active_subs(Course.objects.get())) == {"teacher-1"}


def test_a_platform_refusing_the_token_fails_the_sync_with_a_message(
    synced, mocked, client, platform, django_capture_on_commit_callbacks
):
    platform.launch_as(client, sub="teacher-1")  # linked, without NRPS
    link = CourseLink.objects.get()
    link.context.memberships_url = NRPS_URL
    link.context.save()
    mocked.reset()
    platform.mock(mocked)
    mocked.replace("POST", platform.token_url, json={"error": "invalid_client"}, status=401)

    with django_capture_on_commit_callbacks(execute=True):
        sync = roster_sync_request(link=link)

    sync.refresh_from_db()
    assert sync.status == SyncStatus.FAILED
    assert sync.error.startswith("Your LMS refused Rapport's request for the class list.")
    assert Membership.objects.count() == 1


def test_a_learner_launch_starts_no_sync(
    synced, client, platform, django_capture_on_commit_callbacks
):
    synced([CLASS[0]])
    CourseLink.objects.get().syncs.update(finished_at="2000-01-01T00:00Z")
    client.logout()

    with django_capture_on_commit_callbacks(execute=True):
        platform.launch_as(client, sub="learner-1", roles=LEARNER, **WITH_NRPS)

    assert RosterSync.objects.count() == 1


def test_a_sync_under_way_is_not_started_twice(synced, django_capture_on_commit_callbacks):
    synced([CLASS[0]])
    link = CourseLink.objects.get()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = roster_sync_request(link=link)
        second = roster_sync_request(link=link)

    assert first == second
    assert len(callbacks) == 1


def test_a_synced_learner_launching_later_is_the_same_person(synced, client, platform):
    synced(CLASS[:2])
    grace = Membership.objects.get(user__lti_users__sub="learner-1").user
    client.logout()

    response = platform.launch_as(client, sub="learner-1", roles=LEARNER)

    assert response["Location"] == Course.objects.get().get_absolute_url()
    assert int(client.session["_auth_user_id"]) == grace.pk
    assert Membership.objects.count() == 2


def test_applying_the_list_reports_progress_where_a_page_can_read_it(synced, monkeypatch):
    from rapport.integrations.lti import roster_sync

    reported = []
    monkeypatch.setattr(
        roster_sync, "progress_report", lambda what, done: reported.append((what, done))
    )
    synced()

    sync = RosterSync.objects.get()
    assert reported and {what for what, _ in reported} == {sync.progress_key}
    assert [done for _, done in reported] == sorted(done for _, done in reported)
    assert reported[-1][1] == 1.0
