"""Bringing a course's membership in line with a list of people from elsewhere — a class
list file, the learning platform's roster — in a few bulk queries, whatever its size.

A source (``JoinedVia.IMPORTED``, ``JoinedVia.LTI``) only manages what it created: it adds
people, brings back people who had gone, and changes the role or removes only memberships it
made itself. Someone who joined by code, by invitation or was added by hand keeps the place
they were given. Each bad row becomes a ``RowError`` and is skipped; the rest is applied.
"""

import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.timezone import now

from rapport.accounts.names import validate_plain_name_text
from rapport.accounts.services import email_addresses_mark_verified
from rapport.core import touchpoints
from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.notifications import notify
from rapport.core.realtime import membership_changed_on_commit
from rapport.core.refusals import Refused
from rapport.courses.memberships import require_instructor
from rapport.courses.models import (
    STAFF_ROLES,
    Course,
    JoinedVia,
    Membership,
    MembershipStatus,
    Role,
)
from rapport.courses.staff_roster import staff_people_url

# Rows per IN (...) lookup and per bulk write: under SQLite's historical limit of 999
# parameters per statement.
CHUNK = 900
NAME_MAX = 150
_ROLES = frozenset(Role.values)
_MEMBERSHIP_FIELDS = ["role", "status", "status_changed_at", "joined_via", "joined_at"]


@dataclass(frozen=True)
class RosterPerson:
    email: str = ""  # normalised (strip + lower) by the service
    full_name: str = ""
    role: Role = Role.LEARNER
    user_id: int | None = None  # an already-matched user (LTI matches by platform + sub)
    row: int | None = None  # the source row, for error reports
    # (field, message): why the caller could not read this row (a role its file names that
    # Rapport has no place for). Reported and skipped; the person still counts as listed.
    problem: tuple[str, str] | None = None


@dataclass(frozen=True)
class RowError:
    row: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"Row {self.row}: " if self.row is not None else ""
        return f"{where}{self.field}: {self.message}"


@dataclass
class RosterOutcome:
    created_users: int = 0
    added: int = 0  # new active memberships
    reactivated: int = 0  # removed/archived/left memberships made active again
    role_changed: int = 0
    removed: int = 0  # memberships this source manages whose people left the list
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    def changed(self) -> bool:
        return any(
            (self.created_users, self.added, self.reactivated, self.role_changed, self.removed)
        )


@dataclass
class _Entry:
    person: RosterPerson
    row: int
    email: str
    user_id: int | None = None


def roster_apply(
    *,
    course: Course,
    people: Sequence[RosterPerson],
    source: JoinedVia,
    remove_missing: bool = False,
    dry_run: bool = False,
    actor=None,
    on_progress: Callable[[float], None] | None = None,
) -> RosterOutcome:
    """Apply ``people`` to ``course`` as ``source``; returns what changed (or, with
    ``dry_run``, what would). ``actor``, when given, must be one of the course's instructors;
    automatic syncs pass None. A re-run with the same list writes nothing.

    ``on_progress(done)`` is called with 0.0–1.0; from 0.3 on it is called inside the
    transaction that writes the list, so progress saved to the database from it is seen by
    other connections (a page polling) only at the end: keep it somewhere outside the
    transaction, such as the cache (as the class list import does)."""
    progress = on_progress or (lambda done: None)
    if actor is not None:
        require_instructor(
            course=course, user=actor, refusal="Only the course's instructors can import people."
        )
    if course.archived_at:
        raise Refused("This course has been archived and is no longer taking new members.")
    outcome = RosterOutcome()
    entries, skipped = _valid_entries(people, outcome.errors)
    if remove_missing and people and not (entries or skipped):
        raise Refused(
            f"None of the {len(people)} rows can be used, so nobody is removed. "
            "Check the file and the columns chosen."
        )
    progress(0.1)
    with transaction.atomic():
        # People on skipped rows are still on the list: never removed as missing from it.
        still_listed = {e.user_id for e in _match_users(skipped, []) if e.user_id is not None}
        entries = _match_users(entries, outcome.errors)
        entries = _distinct_users(entries, outcome.errors)
        progress(0.3)
        new_users = [entry for entry in entries if entry.user_id is None]
        outcome.created_users = len(new_users)
        if not dry_run:
            _create_users(new_users, progress)
        progress(0.6)
        plan = _plan(course, entries, source, outcome, remove_missing, still_listed)
        if not dry_run and outcome.changed():
            _write(course, plan, source, actor, outcome)
    outcome.errors.sort(key=lambda error: (error.row is None, error.row or 0))
    progress(1.0)
    return outcome


def _valid_entries(
    people: Sequence[RosterPerson], errors: list[RowError]
) -> tuple[list[_Entry], list[_Entry]]:
    """The rows to apply, and the rows skipped for a problem that still say who they are."""
    entries: list[_Entry] = []
    skipped: list[_Entry] = []
    first_row: dict[object, int] = {}
    for index, person in enumerate(people, start=1):
        row = person.row if person.row is not None else index
        email = (person.email or "").strip().lower()
        problem = _row_problem(person, email)
        if problem:
            errors.append(RowError(row, *problem))
            if problem[0] != "email":
                skipped.append(_Entry(person=person, row=row, email=email, user_id=person.user_id))
            continue
        key = ("user", person.user_id) if person.user_id is not None else ("email", email)
        if key in first_row:
            what = "email" if key[0] == "email" else "user"
            shown = email if key[0] == "email" else person.user_id
            errors.append(
                RowError(row, what, f"'{shown}' is already on row {first_row[key]}; skipped.")
            )
            continue
        first_row[key] = row
        entries.append(_Entry(person=person, row=row, email=email, user_id=person.user_id))
    return entries, skipped


def _row_problem(person: RosterPerson, email: str) -> tuple[str, str] | None:
    """What is wrong with a row; the email first, so that a row failing for another reason
    still names its person (who is then not removed as missing from the list)."""
    if person.user_id is None and not email:
        return "email", "An email address is needed."
    if email:
        try:
            validate_email(email)
        except ValidationError:
            return "email", f"'{email}' is not an email address."
    if person.problem:
        return person.problem
    if person.role not in _ROLES:
        known = ", ".join(Role.values)
        return "role", f"'{person.role}' is not a role Rapport knows ({known})."
    name = (person.full_name or "").strip()
    if len(name) > NAME_MAX:
        return "name", f"Names are at most {NAME_MAX} characters."
    try:
        validate_plain_name_text(name)
    except ValidationError as problem:
        return "name", problem.messages[0]
    return None


def _chunks(items: Sequence, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _match_users(entries: list[_Entry], errors: list[RowError]) -> list[_Entry]:
    """Fill each entry's ``user_id``: checked when given, else found by email (any case)."""
    User = get_user_model()
    given = [entry.user_id for entry in entries if entry.user_id is not None]
    known: set[int] = set()
    for chunk in _chunks(given):
        known.update(User.objects.filter(pk__in=chunk).values_list("pk", flat=True))
    emails = [entry.email for entry in entries if entry.user_id is None]
    by_email: dict[str, int] = {}
    for chunk in _chunks(emails):
        by_email.update(
            User.objects.annotate(email_lower=Lower("email"))
            .filter(email_lower__in=chunk)
            .values_list("email_lower", "pk")
        )
    matched = []
    for entry in entries:
        if entry.user_id is None:
            entry.user_id = by_email.get(entry.email)
        elif entry.user_id not in known:
            errors.append(RowError(entry.row, "user", f"No person {entry.user_id} in Rapport."))
            continue
        matched.append(entry)
    return matched


def _distinct_users(entries: list[_Entry], errors: list[RowError]) -> list[_Entry]:
    """Two rows naming one person (by id and by email) keep the first."""
    seen: dict[int, int] = {}
    kept = []
    for entry in entries:
        if entry.user_id is not None and entry.user_id in seen:
            errors.append(
                RowError(entry.row, "email", f"The same person is on row {seen[entry.user_id]}.")
            )
            continue
        if entry.user_id is not None:
            seen[entry.user_id] = entry.row
        kept.append(entry)
    return kept


def _create_users(entries: list[_Entry], progress: Callable[[float], None]) -> None:
    """New people sign in with an emailed code or through the learning platform, so their
    password is unusable from the start. Their addresses come from the institution's list,
    so they are recorded as verified: the code that signs them in is the only one asked."""
    User = get_user_model()
    total = len(entries) or 1
    for done, chunk in enumerate(_chunks(entries), start=1):
        users = []
        for entry in chunk:
            # What set_unusable_password() stores, with a faster random tail: it drew 40
            # characters one by one, a tenth of a 10,000-person import's time.
            password = UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)
            name = (entry.person.full_name or "").strip()
            users.append(User(email=entry.email, full_name=name, password=password))
        User.objects.bulk_create(users)
        if any(user.pk is None for user in users):  # a database that returns no ids
            ids = dict(
                User.objects.filter(email__in=[u.email for u in users]).values_list("email", "pk")
            )
            for user in users:
                user.pk = ids[user.email]
        email_addresses_mark_verified(users=users)
        for entry, user in zip(chunk, users, strict=True):
            entry.user_id = user.pk
        progress(0.3 + 0.3 * min(done * CHUNK, total) / total)


@dataclass
class _Plan:
    create: list[Membership] = field(default_factory=list)
    update: list[Membership] = field(default_factory=list)
    joined: list[Membership] = field(default_factory=list)  # added or back: in the ledger
    touched_user_ids: list[int] = field(default_factory=list)  # whose open pages reconnect


def _plan(
    course: Course,
    entries: list[_Entry],
    source: JoinedVia,
    outcome: RosterOutcome,
    remove_missing: bool,
    still_listed: set[int],
) -> _Plan:
    stamp = now()
    plan = _Plan()
    existing = {m.user_id: m for m in Membership.objects.filter(course=course)}
    instructors = {
        m.user_id for m in existing.values() if m.is_active and m.role == Role.INSTRUCTOR
    }
    demotions: list[tuple[_Entry, Membership]] = []
    for entry in entries:
        role = Role(entry.person.role)
        membership = existing.get(entry.user_id) if entry.user_id is not None else None
        if membership is None:
            membership = Membership(
                course=course, user_id=entry.user_id, role=role, joined_via=source, joined_at=stamp
            )
            plan.create.append(membership)
            plan.joined.append(membership)
            outcome.added += 1
            if role == Role.INSTRUCTOR:
                instructors.add(entry.user_id)
        elif not membership.is_active:
            # The list brings them back, so from now on the list manages their place.
            membership.status = MembershipStatus.ACTIVE
            membership.role, membership.joined_via = role, source
            membership.joined_at = membership.status_changed_at = stamp
            plan.update.append(membership)
            plan.joined.append(membership)
            plan.touched_user_ids.append(membership.user_id)
            outcome.reactivated += 1
            if role == Role.INSTRUCTOR:
                instructors.add(entry.user_id)
        elif membership.joined_via == source and membership.role != role:
            demotions.append((entry, membership))
        else:
            outcome.unchanged += 1
    listed = {entry.user_id for entry in entries} | still_listed
    leaving = [
        m
        for m in existing.values()
        if remove_missing and m.is_active and m.joined_via == source and m.user_id not in listed
    ]
    # Apply promotions first, then demotions and removals while an instructor remains.
    for entry, membership in demotions:
        if entry.person.role == Role.INSTRUCTOR:
            instructors.add(membership.user_id)
    for entry, membership in demotions:
        if membership.role == Role.INSTRUCTOR and instructors == {membership.user_id}:
            only = "This person is the course's only instructor and stays one."
            outcome.errors.append(RowError(entry.row, "role", only))
            continue
        if entry.person.role != Role.INSTRUCTOR:
            instructors.discard(membership.user_id)
        membership.role = Role(entry.person.role)
        plan.update.append(membership)
        plan.touched_user_ids.append(membership.user_id)
        outcome.role_changed += 1
    for membership in leaving:
        if membership.role == Role.INSTRUCTOR:
            if instructors == {membership.user_id}:
                continue
            instructors.discard(membership.user_id)
        membership.status = MembershipStatus.REMOVED
        membership.status_changed_at = stamp
        plan.update.append(membership)
        plan.touched_user_ids.append(membership.user_id)
        outcome.removed += 1
    return plan


def _write(course: Course, plan: _Plan, source: JoinedVia, actor, outcome: RosterOutcome) -> None:
    User = get_user_model()
    Membership.objects.bulk_create(plan.create, batch_size=CHUNK)
    Membership.objects.bulk_update(plan.update, _MEMBERSHIP_FIELDS, batch_size=CHUNK)
    if any(m.pk is None for m in plan.create):  # a database that returns no ids
        ids = dict(
            Membership.objects.filter(
                course=course, user_id__in=[m.user_id for m in plan.create]
            ).values_list("user_id", "pk")
        )
        for membership in plan.create:
            membership.pk = ids[membership.user_id]
    touchpoints.record_many(
        {
            "course": course,
            "kind": TouchpointKind.COURSE_JOINED,
            "actor": person,
            "subject": person,
            "target": m,
            "occurred_at": m.joined_at,
        }
        for m in plan.joined
        for person in [User(pk=m.user_id)]  # the id is all the ledger needs
    )
    for user_id in plan.touched_user_ids:
        membership_changed_on_commit(course.pk, user_id)
    _tell_staff(course, source, actor, outcome)


def _tell_staff(course: Course, source: JoinedVia, actor, outcome: RosterOutcome) -> None:
    """One note per staff member for the whole list, not one per person: a class of
    thousands would otherwise mean thousands of notifications written in this request."""
    joined = outcome.added + outcome.reactivated
    parts = [f"{joined} {'person' if joined == 1 else 'people'} joined"] if joined else []
    parts += [f"{outcome.removed} left"] if outcome.removed else []
    if not parts:
        return
    staff = Membership.objects.filter(
        course=course, status=MembershipStatus.ACTIVE, role__in=STAFF_ROLES
    ).select_related("user")
    for member in staff:
        notify(
            recipient=member.user,
            kind=NotificationKind.MEMBER_JOINED,
            title=f"{JoinedVia(source).label}: {' and '.join(parts)} in {course.title}"[:200],
            body="Say hello — a quick welcome in the first week goes a long way.",
            url=staff_people_url(course),
            course=course,
            actor=actor,
        )
