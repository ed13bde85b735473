"""Writes to people's accounts and profiles."""

from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from rapport.accounts.models import User
from rapport.accounts.photos import process_photo
from rapport.accounts.recordings import process_recording
from rapport.core import touchpoints
from rapport.core.enums import Channel, MembershipStatus
from rapport.core.kinds import TouchpointKind

# What a person may change about themself through ``profile_update``.
PROFILE_FIELDS = (
    "preferred_name",
    "full_name",
    "pronouns",
    "pronunciation_text",
    "timezone",
    "preferred_channel",
    "about",
    "quiet_hours_start",
    "quiet_hours_end",
    "show_photo_to_peers",
    "show_pronouns_to_peers",
    "show_about_to_peers",
    "show_pronunciation_to_peers",
    "show_local_time_to_peers",
)


@transaction.atomic
def profile_update(
    *,
    user: User,
    data: Mapping[str, Any],
    photo_upload=None,
    audio_upload=None,
    remove_photo: bool = False,
    remove_audio: bool = False,
) -> User:
    """Change ``user``'s profile: the ``data`` fields (any of PROFILE_FIELDS), a new photo
    or name recording, or their removal.

    Everything is checked before anything is written: on a ValidationError (keyed by field,
    ``photo`` and ``pronunciation_audio`` for the files) the row, the in-memory ``user`` and
    storage are exactly as before. Replaced files are deleted once the change commits. The
    first time the profile becomes complete, each of the person's active courses records
    a PROFILE_COMPLETED touchpoint.
    """
    unknown = set(data) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"profile_update cannot change {sorted(unknown)}")

    errors: dict[str, list[str]] = {}
    before = {f.attname: getattr(user, f.attname) for f in User._meta.concrete_fields}
    # A detached copy to validate, so a refusal leaves ``user`` untouched (``copy.copy``
    # of an unevaluated request.user would hand back the very same object).
    candidate = User(**before)
    for field, value in data.items():
        setattr(candidate, field, value)
    for check in (
        partial(
            candidate.clean_fields,
            exclude=[f.name for f in User._meta.fields if f.name not in data],
        ),
        candidate.clean,
    ):
        try:
            check()
        except ValidationError as error:
            _merge(errors, error.message_dict)
    photo = recording = None
    if photo_upload is not None:
        try:
            photo = process_photo(photo_upload)
        except ValidationError as error:
            _merge(errors, {"photo": error.messages})
    if audio_upload is not None:
        try:
            recording = process_recording(audio_upload)
        except ValidationError as error:
            _merge(errors, {"pronunciation_audio": error.messages})
    if errors:
        raise ValidationError(errors)

    storage: Storage = user.photo.storage
    replaced: list[str] = []
    written: list[str] = []
    changed = list(data)
    try:
        for field, value in data.items():
            setattr(user, field, value)
        if "timezone" in data:  # they saw the zone and saved it: now it is theirs
            user.timezone_chosen = True
            changed.append("timezone_chosen")
        if photo is not None or remove_photo:
            replaced += [name for name in (user.photo.name, user.photo_thumb.name) if name]
            user.photo = user.photo_thumb = ""
            if photo is not None:
                user.photo.save("photo.jpg", ContentFile(photo.full), save=False)
                written.append(user.photo.name)
                user.photo_thumb.save("thumb.jpg", ContentFile(photo.thumb), save=False)
                written.append(user.photo_thumb.name)
            changed += ["photo", "photo_thumb"]
        if recording is not None or remove_audio:
            if user.pronunciation_audio.name:
                replaced.append(user.pronunciation_audio.name)
            user.pronunciation_audio = ""
            if recording is not None:
                user.pronunciation_audio.save(
                    f"name.{recording.extension}", ContentFile(recording.data), save=False
                )
                written.append(user.pronunciation_audio.name)
            changed.append("pronunciation_audio")
        user.save(update_fields=changed)
        _note_first_completion(user)
    except BaseException:
        _delete_files(storage, written)
        for attname, value in before.items():
            setattr(user, attname, value)
        raise
    if replaced:
        transaction.on_commit(partial(_delete_files, storage, replaced))
    return user


# People per query when recording addresses: well under SQLite's 999 parameters.
_ADDRESSES_AT_ONCE = 500


@transaction.atomic
def email_addresses_mark_verified(*, users: Sequence[User]) -> None:
    """Record each person's sign-in address (``User.email``) as verified and, unless they
    already have one, as their primary address — for addresses that someone vouches for
    rather than ones typed into the sign-up form: an institution's class list or learning
    platform, the server's operator (``createsuperuser``), the demo.

    Email verification is mandatory by default: allauth asks anyone whose address has no
    verified record for an emailed code before letting them in, and someone with no record
    at all who signs in by code is even asked for a second one. An address that another
    account has already verified is left as it is (verified addresses are unique). A few
    queries per 500 people, whatever they already have."""
    for start in range(0, len(users), _ADDRESSES_AT_ONCE):
        _mark_verified({user.pk: user for user in users[start : start + _ADDRESSES_AT_ONCE]})


def _mark_verified(users: dict[int, User]) -> None:
    wanted = {user.pk: user.email.lower() for user in users.values() if user.email}
    # Their own records, and the same addresses verified by anyone, in one query.
    rows = EmailAddress.objects.filter(
        Q(user_id__in=users) | Q(email__in=wanted.values(), verified=True)
    ).values_list("pk", "user_id", "email", "primary", "verified")
    recorded, has_primary, verified_elsewhere = {}, set(), set()
    for pk, user_id, email, primary, verified in rows:
        if user_id not in users:
            verified_elsewhere.add(email)
            continue
        recorded[user_id, email.lower()] = (pk, verified)
        if primary:
            has_primary.add(user_id)
    to_verify, to_create = [], []
    for user_id, email in wanted.items():
        if email in verified_elsewhere:
            continue
        pk, verified = recorded.get((user_id, email), (None, False))
        if pk is None:
            primary = user_id not in has_primary
            to_create.append(
                EmailAddress(user_id=user_id, email=email, verified=True, primary=primary)
            )
        elif not verified:
            to_verify.append(pk)
    EmailAddress.objects.bulk_create(to_create)
    if to_verify:
        EmailAddress.objects.filter(pk__in=to_verify).update(verified=True)


def _note_first_completion(user: User) -> None:
    if user.profile_completed_at is not None or not user.profile_is_complete:
        return
    completed_at = timezone.now()
    # The conditional UPDATE makes "first time" hold even if two saves race.
    first = User.objects.filter(pk=user.pk, profile_completed_at__isnull=True).update(
        profile_completed_at=completed_at
    )
    user.profile_completed_at = completed_at
    if not first:
        return
    memberships = user.memberships.filter(status=MembershipStatus.ACTIVE).select_related("course")
    for membership in memberships:
        touchpoints.record(
            course=membership.course,
            kind=TouchpointKind.PROFILE_COMPLETED,
            actor=user,
            subject=user,
            channel=Channel.SYSTEM,
            occurred_at=completed_at,
        )


def _merge(errors: dict[str, list[str]], more: Mapping[str, list[str]]) -> None:
    for field, messages in more.items():
        errors.setdefault(field, []).extend(messages)


def _delete_files(storage: Storage, names: list[str]) -> None:
    for name in names:
        storage.delete(name)
