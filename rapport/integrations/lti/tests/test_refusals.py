"""Every launch Rapport refuses: a clear page, and nothing left behind."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils.timezone import now
from lti_tool.models import LtiDeployment

from rapport.core.enums import JoinedVia, MembershipStatus
from rapport.courses.models import Membership
from rapport.integrations.lti.models import UsedNonce
from rapport.integrations.lti.services import NONCE_KEPT_FOR, nonce_use
from rapport.integrations.lti.testing import (
    LEARNER,
    LTI,
    MEMBERSHIP,
    assert_refused,
    counts,
    rsa_key,
)

User = get_user_model()


def signed_launch(client, platform, *, sign=None, **claims):
    state, nonce = platform.login(client)
    token = (sign or platform.sign)(platform.claims(nonce=nonce, **claims))
    return platform.post_launch(client, state=state, id_token=token)


@pytest.mark.parametrize(
    "claims, status, words",
    [
        ({"iss": "https://stranger.example"}, 400, "does not know the platform"),
        ({"exp": int(time.time()) - 60}, 400, "This launch has expired"),
        ({"aud": "another-tool"}, 400, "does not know the platform"),
        ({"aud": ["rapport-client-1", "another-tool"]}, 400, "meant for another tool"),
        ({"azp": "another-tool"}, 400, "meant for another tool"),
        ({LTI + "version": "1.1"}, 400, "LTI 1.3"),
        ({LTI + "message_type": "LtiStartProctoring"}, 400, "cannot open this kind of launch"),
        ({LTI + "deployment_id": "unknown-deployment"}, 403, "activate the deployment"),
        ({"roles": LEARNER}, 403, "hasn't opened Rapport in this course yet"),
        ({"roles": [MEMBERSHIP + "Mentor"]}, 403, "observer or mentor"),
        ({LTI + "context": None}, 403, "did not come from a course"),
    ],
    ids=[
        "wrong-issuer",
        "expired",
        "wrong-audience",
        "extra-audience-without-azp",
        "wrong-azp",
        "wrong-version",
        "unknown-message-type",
        "unknown-deployment",
        "learner-before-instructor",
        "mentor",
        "no-course-context",
    ],
)
def test_a_refused_launch_says_why_and_creates_nothing(client, platform, claims, status, words):
    before = counts()

    response = signed_launch(client, platform, **claims)

    assert_refused(response, status, words)
    assert counts() == before
    assert "_auth_user_id" not in client.session


def test_an_unknown_deployment_waits_inactive_for_the_admin(client, platform):
    signed_launch(client, platform, **{LTI + "deployment_id": "new-course-install"})

    assert not LtiDeployment.objects.get(deployment_id="new-course-install").is_active


def test_a_token_without_exp_is_refused(client, platform):
    before = counts()
    state, nonce = platform.login(client)
    claims = platform.claims(nonce=nonce)
    del claims["exp"]

    response = platform.post_launch(client, state=state, id_token=platform.sign(claims))

    assert_refused(response, 400, "not signed by your learning platform")
    assert counts() == before


def test_a_tampered_token_is_refused(client, platform):
    before = counts()
    state, nonce = platform.login(client)
    header, body, signature = platform.sign(platform.claims(nonce=nonce)).split(".")
    forged = platform.sign(platform.claims(nonce=nonce, sub="someone-else")).split(".")[1]

    response = platform.post_launch(
        client, state=state, id_token=f"{header}.{forged[:-2]}{body[-2:]}.{signature}"
    )

    assert response.status_code == 400
    response = platform.post_launch(client, state=state, id_token=f"{header}.{forged}.{signature}")
    assert_refused(response, 400, "not signed by your learning platform")
    assert counts() == before


@pytest.mark.parametrize("same_kid", [True, False], ids=["same-kid", "unknown-kid"])
def test_a_token_signed_with_another_key_is_refused(client, platform, same_kid):
    before = counts()
    stranger_key = rsa_key()

    response = signed_launch(
        client,
        platform,
        sign=lambda claims: platform.sign(
            claims, key=stranger_key, kid=platform.kid if same_kid else "stranger"
        ),
    )

    assert_refused(response, 400, "not signed by your learning platform")
    assert counts() == before


def test_a_replayed_launch_is_refused(client, platform):
    state, nonce = platform.login(client)
    token = platform.sign(platform.claims(nonce=nonce))
    assert platform.post_launch(client, state=state, id_token=token).status_code == 302
    client.logout()
    before = counts()

    response = platform.post_launch(client, state=state, id_token=token)

    assert_refused(response, 403, "already used")
    assert counts() == before
    assert "_auth_user_id" not in client.session


def test_a_launch_without_its_state_cookie_is_refused(client, platform):
    before = counts()
    state, nonce = platform.login(client)
    client.cookies.clear()

    response = platform.post_launch(
        client, state=state, id_token=platform.sign(platform.claims(nonce=nonce))
    )

    assert_refused(response, 400, "did not send back the cookie")
    assert "new tab" in response.content.decode()
    assert counts() == before


def test_a_launch_with_a_nonce_rapport_never_issued_is_refused(client, platform):
    before = counts()
    state, _nonce = platform.login(client)

    response = platform.post_launch(
        client, state=state, id_token=platform.sign(platform.claims(nonce="made-up"))
    )

    assert_refused(response, 400, "not started from your course")
    assert counts() == before


def test_someone_staff_removed_is_not_brought_back_by_a_launch(client, platform):
    platform.launch_as(client, sub="teacher-1")
    platform.launch_as(client, sub="learner-1", roles=LEARNER)
    Membership.objects.filter(user__lti_users__sub="learner-1").update(
        status=MembershipStatus.REMOVED, joined_via=JoinedVia.CODE
    )

    response = platform.launch_as(client, sub="learner-1", roles=LEARNER)

    assert_refused(response, 403, "removed you")
    assert (
        Membership.objects.get(user__lti_users__sub="learner-1").status == MembershipStatus.REMOVED
    )


def test_a_learner_cannot_start_deep_linking(client, platform):
    platform.launch_as(client, sub="teacher-1")
    before = counts()

    response = signed_launch(
        client,
        platform,
        sub="learner-1",
        roles=LEARNER,
        **{
            LTI + "message_type": "LtiDeepLinkingRequest",
            "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings": {
                "deep_link_return_url": "https://lms.example.edu/deep_links",
                "accept_types": ["ltiResourceLink"],
                "accept_presentation_document_targets": ["iframe"],
            },
        },
    )

    assert_refused(response, 403, "Only your course's teachers")
    assert counts() == before


def test_a_finished_launch_posted_from_another_browser_signs_nobody_in(platform):
    """pylti1p3 lets a finished launch's state + id_token through without the state
    cookie; the used nonce is what keeps someone's launch out of another's browser."""
    attacker, victim = Client(), Client()
    state, nonce = platform.login(attacker)
    token = platform.sign(platform.claims(nonce=nonce, sub="attacker"))
    assert platform.post_launch(attacker, state=state, id_token=token).status_code == 302

    response = platform.post_launch(victim, state=state, id_token=token)

    assert_refused(response, 403, "already used")
    assert "_auth_user_id" not in victim.session


def test_used_nonces_are_cleared_once_no_token_could_use_them(platform):
    old = UsedNonce.objects.create(issuer=platform.issuer, nonce="old")
    UsedNonce.objects.filter(pk=old.pk).update(used_at=now() - NONCE_KEPT_FOR - timedelta(1))

    nonce_use(issuer=platform.issuer, nonce="new")

    assert list(UsedNonce.objects.values_list("nonce", flat=True)) == ["new"]


def test_a_switched_off_account_is_not_signed_in(client, platform):
    platform.launch_as(client, sub="teacher-1")
    User.objects.filter(lti_users__sub="teacher-1").update(is_active=False)
    client.logout()

    response = platform.launch_as(client, sub="teacher-1")

    assert_refused(response, 403, "switched off")
    assert "_auth_user_id" not in client.session


DATA_PRIVACY = {
    LTI + "message_type": "DataPrivacyLaunchRequest",
    LTI + "for_user": {"user_id": "learner-1"},
}
SUBMISSION_REVIEW = {
    LTI + "message_type": "LtiSubmissionReviewRequest",
    LTI + "for_user": {"user_id": "learner-1"},
    "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": {
        "scope": ["https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"],
        "lineitem": "https://lms.example.edu/api/lti/courses/101/line_items/1",
    },
}


@pytest.mark.parametrize(
    "message, status",
    [
        (DATA_PRIVACY, 403),
        # The spelling some platforms use; pylti1p3 knows no such message type.
        ({**DATA_PRIVACY, LTI + "message_type": "LtiDataPrivacyLaunchRequest"}, 400),
        (SUBMISSION_REVIEW, 403),
    ],
    ids=["data-privacy", "lti-data-privacy", "submission-review"],
)
def test_launch_types_rapport_does_not_open_are_refused_kindly(client, platform, message, status):
    platform.launch_as(client, sub="teacher-1")
    client.logout()
    before = counts()
    state, nonce = platform.login(client)
    claims = {**platform.claims(nonce=nonce, sub="admin-1"), **message}
    if message is not SUBMISSION_REVIEW:  # a privacy launch comes from no course or link
        del claims[LTI + "context"], claims[LTI + "resource_link"]

    response = platform.post_launch(client, state=state, id_token=platform.sign(claims))

    assert_refused(response, status, "cannot open this kind of launch")
    assert counts() == before
    assert "_auth_user_id" not in client.session
