"""The platform's JWKS: fetched once, kept, fetched again when the platform rotates its key."""

import uuid

import responses

from rapport.courses.models import Course, Membership
from rapport.integrations.lti.testing import LEARNER, assert_refused, counts, jwk_of, rsa_key


def key_set_fetches(mocked, platform) -> int:
    return sum(1 for call in mocked.calls if call.request.url == platform.keyset_url)


def rotate(mocked, platform):
    """The platform signs with a new key from now on; its JWKS lists both for a while."""
    old = jwk_of(platform.key, platform.kid)
    platform.key, platform.kid = rsa_key(), uuid.uuid4().hex
    mocked.replace(
        responses.GET, platform.keyset_url, json={"keys": [old, *platform.jwks()["keys"]]}
    )


def test_two_launches_fetch_the_platform_keys_once(client, platform, mocked):
    platform.launch_as(client, sub="teacher-1")
    client.logout()

    response = platform.launch_as(client, sub="learner-1", roles=LEARNER)

    assert response.status_code == 302
    assert Membership.objects.count() == 2
    assert key_set_fetches(mocked, platform) == 1


def test_a_rotated_platform_key_is_fetched_and_the_launch_goes_on(client, platform, mocked):
    platform.launch_as(client, sub="teacher-1")
    rotate(mocked, platform)

    response = platform.launch_as(client, sub="learner-1", roles=LEARNER)

    assert response["Location"] == Course.objects.get().get_absolute_url()
    assert key_set_fetches(mocked, platform) == 2
    platform.launch_as(client, sub="learner-1", roles=LEARNER)
    assert key_set_fetches(mocked, platform) == 2  # the new set is kept in turn


def test_a_kid_the_platform_does_not_have_is_refused_after_one_refetch(client, platform, mocked):
    platform.launch_as(client, sub="teacher-1")
    before = counts()

    for attempt in range(2):
        state, nonce = platform.login(client)
        token = platform.sign(platform.claims(nonce=nonce, sub="someone"), kid=f"made-up-{attempt}")
        response = platform.post_launch(client, state=state, id_token=token)
        assert_refused(response, 400, "not signed by your learning platform")

    assert counts() == before
    # one refetch for the unknown kid; the second made-up kid waits for the refetch pause
    assert key_set_fetches(mocked, platform) == 2


def test_an_unreadable_key_set_refuses_the_launch_and_is_not_kept(client, platform, mocked):
    mocked.replace(responses.GET, platform.keyset_url, json={"no": "keys"})

    response = platform.launch_as(client, sub="teacher-1")

    assert_refused(response, 400, "could not be checked")
    assert Course.objects.count() == 0
    mocked.replace(responses.GET, platform.keyset_url, json=platform.jwks())
    assert platform.launch_as(client, sub="teacher-1").status_code == 302
