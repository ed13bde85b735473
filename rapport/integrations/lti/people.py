"""Who a platform's person is in Rapport: matched by the platform and its ``sub`` (its own,
never reused id for them), by email only where the registration's policy allows it, or made
new with no password (they come in through the LMS)."""

import hashlib
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from lti_tool.models import LtiRegistration, LtiUser

from rapport.accounts.services import email_addresses_mark_verified
from rapport.core.plain_text import hidden_character

User = get_user_model()


@dataclass(frozen=True)
class PlatformPerson:
    """A person as a platform describes them (launch claims or an NRPS member)."""

    sub: str
    name: str = ""
    given_name: str = ""
    family_name: str = ""
    email: str = ""

    @classmethod
    def from_claims(cls, claims: dict, sub_key: str = "sub") -> "PlatformPerson":
        return cls(
            sub=str(claims.get(sub_key) or ""),
            name=str(claims.get("name") or ""),
            given_name=str(claims.get("given_name") or ""),
            family_name=str(claims.get("family_name") or ""),
            email=str(claims.get("email") or "").strip().lower(),
        )

    @property
    def full_name(self) -> str:
        return _plain(self.name or f"{self.given_name} {self.family_name}", 150)

    @property
    def preferred_name(self) -> str:
        return _plain(self.given_name, 60)


def _plain(text: str, limit: int) -> str:
    """A platform's name without the hidden characters Rapport refuses in names."""
    kept = "".join(ch for ch in text if hidden_character(ch) is None)
    return " ".join(kept.split())[:limit]


def stand_in_email(registration: LtiRegistration, sub: str) -> str:
    """An address that is nobody's, for a person whose platform shares no email (or shares
    one that belongs to another account): unique per platform and person, in the
    reserved .invalid domain so nothing is ever sent to it."""
    host = urlsplit(registration.issuer).hostname or "platform"
    digest = hashlib.sha256(f"{registration.issuer}\n{sub}".encode()).hexdigest()[:20]
    return f"lti-{digest}@{host}.invalid"


def _may_match_by_email(registration: LtiRegistration) -> bool:
    policy = getattr(registration, "rapport_policy", None)
    return bool(policy and policy.match_users_by_email)


def person_resolve(*, registration: LtiRegistration, person: PlatformPerson, create: bool = True):
    """The Rapport user for ``person`` on this platform, linked from their LtiUser row, or
    None when ``create`` is off and nobody matches."""
    lti_user, _ = LtiUser.objects.get_or_create(registration=registration, sub=person.sub)
    if lti_user.auth_user_id:
        return lti_user.auth_user
    user = None
    if person.email and _may_match_by_email(registration):
        # Never an administrator's account: an LMS must not be able to sign in as them.
        user = User.objects.filter(
            email__iexact=person.email, is_staff=False, is_superuser=False
        ).first()
    if user is None and create:
        user = _user_create(registration, person)
    if user is not None:
        lti_user.auth_user = user
        lti_user.save(update_fields=["auth_user", "datetime_modified"])
    return user


def _user_create(registration: LtiRegistration, person: PlatformPerson):
    email = person.email
    if not email or User.objects.filter(email__iexact=email).exists():
        email = stand_in_email(registration, person.sub)
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=email,
                password=None,  # unusable: they sign in through their LMS
                full_name=person.full_name,
                preferred_name=person.preferred_name,
            )
    except IntegrityError:
        # The same email was taken a moment ago (two first launches at once).
        return User.objects.create_user(
            email=stand_in_email(registration, person.sub),
            password=None,
            full_name=person.full_name,
            preferred_name=person.preferred_name,
        )
    if email == person.email:
        # The institution's address for them: away from the LMS, an emailed code signs them
        # in without a second code to confirm the address. A stand-in reaches nobody.
        email_addresses_mark_verified(users=[user])
    return user
