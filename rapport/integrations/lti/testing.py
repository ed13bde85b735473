"""A learning platform for tests: its own RSA key (new for each test), its JWKS, token and
Names and Roles endpoints served by ``responses``, and id_tokens signed with pyjwt — so a
test runs the real login → launch → course → roster path with no network."""

import html
import json
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.timezone import now
from jwt.algorithms import RSAAlgorithm
from lti_tool.models import LtiContext, LtiDeployment, LtiMembership, LtiRegistration, LtiUser
from responses.matchers import query_string_matcher

from rapport.courses.models import Course, Membership
from rapport.integrations.lti.models import CourseLink, PlatformPolicy, RosterSync, SyncStatus

ISSUER = "https://lms.example.edu"
CLIENT_ID = "rapport-client-1"
DEPLOYMENT_ID = "deployment-1"
CONTEXT_ID = "course-v1-bio-101"
LTI = "https://purl.imsglobal.org/spec/lti/claim/"
MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership#"
INSTRUCTOR = [MEMBERSHIP + "Instructor"]
LEARNER = [MEMBERSHIP + "Learner"]
NRPS_URL = f"{ISSUER}/api/lti/courses/101/names_and_roles"
NRPS_CLAIM = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"
DEEP_LINKING_CLAIM = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"


def rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def jwk_of(private_key, kid: str) -> dict:
    jwk = json.loads(RSAAlgorithm.to_jwk(private_key.public_key()))
    return {**jwk, "kid": kid, "alg": "RS256", "use": "sig"}


@dataclass
class TestPlatform:
    """One registered platform. ``mock(responses)`` serves its endpoints; ``launch_as``
    runs a whole launch in a test client."""

    issuer: str = ISSUER
    client_id: str = CLIENT_ID
    deployment_id: str = DEPLOYMENT_ID
    key: object = field(default_factory=rsa_key)
    kid: str = field(default_factory=lambda: uuid.uuid4().hex)
    registration: LtiRegistration | None = None
    secure: bool = False  # the login and the launch over HTTPS, as behind a real proxy

    __test__ = False  # not a test class, whatever pytest thinks of its name

    @property
    def keyset_url(self) -> str:
        return f"{self.issuer}/api/lti/security/jwks"

    @property
    def token_url(self) -> str:
        return f"{self.issuer}/login/oauth2/token"

    @property
    def auth_url(self) -> str:
        return f"{self.issuer}/api/lti/authorize_redirect"

    def register(self, *, active_deployment: bool = True, **policy) -> LtiRegistration:
        self.registration = LtiRegistration.objects.create(
            name="Example LMS",
            issuer=self.issuer,
            client_id=self.client_id,
            auth_url=self.auth_url,
            token_url=self.token_url,
            keyset_url=self.keyset_url,
        )
        LtiDeployment.objects.create(
            registration=self.registration,
            deployment_id=self.deployment_id,
            is_active=active_deployment,
        )
        if policy:
            PlatformPolicy.objects.create(registration=self.registration, **policy)
        return self.registration

    def jwks(self) -> dict:
        return {"keys": [jwk_of(self.key, self.kid)]}

    def mock(self, responses_mock, *, members: list[dict] | None = None, page_size: int = 0):
        """Serve the JWKS, the token endpoint and (with ``members``) the NRPS list, in
        pages of ``page_size`` linked by ``Link: rel="next"``."""
        responses_mock.get(self.keyset_url, json=self.jwks())
        responses_mock.post(
            self.token_url,
            json={"access_token": "platform-token", "token_type": "Bearer", "expires_in": 3600},
        )
        if members is not None:
            self.mock_members(responses_mock, members, page_size=page_size)

    def mock_members(self, responses_mock, members: list[dict], *, page_size: int = 0):
        size = page_size or max(len(members), 1)
        pages = [members[i : i + size] for i in range(0, len(members), size)] or [[]]
        for number, page in enumerate(pages):
            url = NRPS_URL if number == 0 else f"{NRPS_URL}?page={number + 1}"
            headers = {}
            if number + 1 < len(pages):
                headers["Link"] = f'<{NRPS_URL}?page={number + 2}>; rel="next"'
            body = {"id": url, "context": {"id": CONTEXT_ID}, "members": page}
            responses_mock.get(
                url,
                json=body,
                headers=headers,
                match=[query_string_matcher(urlsplit(url).query)],
            )

    def login(self, client, *, login_hint: str = "hint", new_window: bool = True):
        """The platform's OIDC login initiation; returns (state, nonce) from the redirect
        Rapport answers with (its state cookie stays in ``client``)."""
        params = {
            "iss": self.issuer,
            "client_id": self.client_id,
            "login_hint": login_hint,
            "target_link_uri": "https://rapport.example/lti/launch/",
            "lti_deployment_id": self.deployment_id,
        }
        if new_window:
            params["lti1p3_new_window"] = "1"
        response = client.get(reverse("lti:login"), params, secure=self.secure)
        if response.status_code != 302:
            return response
        query = parse_qs(urlsplit(response["Location"]).query)
        return query["state"][0], query["nonce"][0]

    def claims(self, *, nonce: str, sub: str = "user-1", roles=None, **extra) -> dict:
        issued = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": self.client_id,
            "sub": sub,
            "exp": issued + 300,
            "iat": issued,
            "nonce": nonce,
            "name": "Ada Lovelace",
            "given_name": "Ada",
            "family_name": "Lovelace",
            "email": f"{sub}@lms.example.edu",
            LTI + "deployment_id": self.deployment_id,
            LTI + "message_type": "LtiResourceLinkRequest",
            LTI + "version": "1.3.0",
            LTI + "roles": INSTRUCTOR if roles is None else roles,
            LTI + "target_link_uri": "https://rapport.example/lti/launch/",
            LTI + "resource_link": {"id": "resource-link-1", "title": "Rapport"},
            LTI + "context": {"id": CONTEXT_ID, "label": "BIO 101", "title": "Biology 101"},
            LTI + "launch_presentation": {
                "document_target": "iframe",
                "return_url": "https://school.example.edu/courses/101/external_content/success",
            },
        }
        claims.update(extra)
        return claims

    def sign(self, claims: dict, *, key=None, kid: str | None = None) -> str:
        return jwt.encode(
            claims, key or self.key, algorithm="RS256", headers={"kid": kid or self.kid}
        )

    def post_launch(self, client, *, state: str, id_token: str):
        return client.post(
            reverse("lti:launch"), {"state": state, "id_token": id_token}, secure=self.secure
        )

    def launch_as(self, client, *, sub: str = "user-1", roles=None, **extra):
        """Login, then a launch signed by this platform; returns the launch's response."""
        state, nonce = self.login(client)
        token = self.sign(self.claims(nonce=nonce, sub=sub, roles=roles, **extra))
        return self.post_launch(client, state=state, id_token=token)


def member(sub: str, *, roles=None, name: str = "", email: str = "", status: str = "Active"):
    """One NRPS member, as platforms list them."""
    given, _, family = (name or sub.title()).partition(" ")
    return {
        "user_id": sub,
        "status": status,
        "name": name or sub.title(),
        "given_name": given,
        "family_name": family,
        "email": email or f"{sub}@lms.example.edu",
        "roles": LEARNER if roles is None else roles,
    }


def roster_sync_make(course, *, issuer: str = "https://lms.example.edu") -> RosterSync:
    """A finished roster sync of ``course``, linked to a context on a registered platform."""
    registration, _ = LtiRegistration.objects.get_or_create(
        issuer=issuer,
        client_id=CLIENT_ID,
        defaults={
            "name": "Example LMS",
            "auth_url": f"{issuer}/auth",
            "token_url": f"{issuer}/token",
            "keyset_url": f"{issuer}/jwks",
        },
    )
    deployment, _ = LtiDeployment.objects.get_or_create(
        registration=registration, deployment_id=DEPLOYMENT_ID, defaults={"is_active": True}
    )
    context, _ = LtiContext.objects.get_or_create(
        deployment=deployment,
        id_on_platform=f"context-of-{course.slug}",
        defaults={"title": course.title, "memberships_url": NRPS_URL},
    )
    link, _ = CourseLink.objects.get_or_create(context=context, defaults={"course": course})
    return RosterSync.objects.create(
        link=link, status=SyncStatus.DONE, progress=100, outcome="3 added.", finished_at=now()
    )


def counts() -> dict:
    """How many rows a launch could leave behind, by model: a refusal changes none."""
    counted = (Course, get_user_model(), Membership, CourseLink, LtiUser, LtiContext, LtiMembership)
    return {model.__name__: model.objects.count() for model in counted}


def assert_refused(response, status: int, words: str):
    page = html.unescape(response.content.decode())
    assert response.status_code == status
    assert words in page
    assert "couldn't open from your course" in page
