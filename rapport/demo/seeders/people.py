"""The demo's people and courses: every demo person with a generated portrait and a verified
address, both courses with their members, and in Environmental Science 101 the finished
profiles and the instructor's first "joined" notifications.

The cast itself (who they are, which course they are in) is data in ``rapport.demo.people``,
``classmates`` and ``courses``; this module turns it into rows, each created once.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from rapport.accounts.services import email_addresses_mark_verified
from rapport.core import touchpoints
from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.models import Notification, Touchpoint
from rapport.core.notifications import notify
from rapport.courses.models import Course, JoinedVia, Membership, MembershipStatus, Role
from rapport.demo import avatars
from rapport.demo.classmates import CLASSMATES
from rapport.demo.courses import DemoCourse, term_for
from rapport.demo.people import DEMO_PASSWORD, INSTRUCTOR, LEARNER, TA, DemoPerson

EVERYONE = (INSTRUCTOR, TA, LEARNER, *CLASSMATES)
# How many of the newest learners the instructor has been told about.
JOIN_NOTIFICATIONS = 3
JOINED_VIA = {
    Role.INSTRUCTOR: JoinedVia.CREATED,
    Role.TA: JoinedVia.INVITATION,
    Role.LEARNER: JoinedVia.CODE,
}


@dataclass
class PeopleSeeded:
    """What this seeder added; the whole demo's result extends it."""

    people_created: int = 0
    photos_made: int = 0
    courses_created: int = 0
    memberships_created: int = 0
    touchpoints_recorded: int = 0
    notifications_sent: int = 0


def seed_people(*, now: datetime, result: PeopleSeeded) -> dict:
    """Every demo person, by email."""
    return _people_ensure(now=now, result=result)


def seed_course(demo: DemoCourse, *, users: dict, now: datetime, result: PeopleSeeded) -> Course:
    """The course and its members, each membership with its "joined" touchpoint."""
    course = _course_ensure(demo, users=users, now=now, result=result)
    _memberships_ensure(demo, course=course, users=users, now=now, result=result)
    return course


def seed_welcomes(*, course: Course, users: dict, now: datetime, result: PeopleSeeded) -> None:
    """Finished profiles dated after joining, and the instructor told of the newest learners."""
    _profiles_complete(course=course, users=users, now=now, result=result)
    _join_notifications(course=course, instructor=users[INSTRUCTOR.email], result=result)


def _person_rng(person: DemoPerson) -> random.Random:
    return random.Random(f"rapport-demo:{person.email}")


def _people_ensure(*, now: datetime, result: PeopleSeeded) -> dict:
    User = get_user_model()
    existing = {user.email: user for user in User.objects.filter(email__in=_emails())}
    # Hashing is deliberately slow, so hash the shared password once, and only if needed.
    password_hash = None
    users = {}
    for person in EVERYONE:
        user = existing.get(person.email)
        if user is None:
            password_hash = password_hash or make_password(DEMO_PASSWORD)
            user = User.objects.create(
                password=password_hash,
                date_joined=now - timedelta(days=person.joined_days_ago + 1),
                **_profile_fields(person),
            )
            result.people_created += 1
        if person.has_photo and not user.photo:
            _photo_attach(user, person)
            result.photos_made += 1
        users[person.email] = user
    # Verified, so the printed sign-ins work with their password alone; one left unverified
    # (by hand, or by an older seed) is verified again.
    email_addresses_mark_verified(users=list(users.values()))
    return users


def _emails() -> list[str]:
    return [person.email for person in EVERYONE]


def _profile_fields(person: DemoPerson) -> dict:
    quiet_start, quiet_end = person.quiet_hours or (None, None)
    return {
        "email": person.email,
        "full_name": person.full_name,
        "preferred_name": person.preferred_name,
        "pronouns": person.pronouns,
        "pronunciation_text": person.pronunciation_text,
        "timezone": person.timezone,
        "preferred_channel": person.preferred_channel,
        "about": person.about,
        "quiet_hours_start": quiet_start,
        "quiet_hours_end": quiet_end,
        "show_photo_to_peers": person.show_photo_to_peers,
        "show_local_time_to_peers": person.show_local_time_to_peers,
    }


def _photo_attach(user, person: DemoPerson) -> None:
    image = avatars.portrait(person.full_name)
    user.photo.save("photo.jpg", ContentFile(avatars.jpeg_bytes(image)), save=False)
    user.photo_thumb.save(
        "thumb.jpg",
        ContentFile(avatars.jpeg_bytes(image, size=avatars.THUMB_SIZE)),
        save=False,
    )
    user.save(update_fields=["photo", "photo_thumb"])


def _course_ensure(demo: DemoCourse, *, users: dict, now: datetime, result: PeopleSeeded) -> Course:
    instructor_person, _, instructor_days = demo.members[0]
    created_at = now - timedelta(days=instructor_days)
    today = timezone.localdate(now)
    starts_on = today - timedelta(days=demo.started_days_ago)
    course, created = Course.objects.get_or_create(
        slug=demo.slug,
        defaults={
            "title": demo.title,
            "term": term_for(starts_on),
            "description": demo.description,
            "timezone": demo.timezone,
            "starts_on": starts_on,
            "ends_on": today + timedelta(days=demo.ends_in_days),
            "young_learners": False,
            "created_by": users[instructor_person.email],
            "created_at": created_at,
        },
    )
    result.courses_created += int(created)
    return course


def _memberships_ensure(
    demo: DemoCourse, *, course: Course, users: dict, now: datetime, result: PeopleSeeded
) -> None:
    recorded = set(
        Touchpoint.objects.filter(course=course, kind=TouchpointKind.COURSE_JOINED).values_list(
            "subject_id", flat=True
        )
    )
    for person, role, days_ago in demo.members:
        user = users[person.email]
        # A different hour of the day for each person, the same on every run.
        hours = _person_rng(person).randint(1, 20)
        membership, created = Membership.objects.get_or_create(
            course=course,
            user=user,
            defaults={
                "role": role,
                "status": MembershipStatus.ACTIVE,
                "joined_at": now - timedelta(days=days_ago, hours=hours),
                "joined_via": JOINED_VIA[role],
            },
        )
        result.memberships_created += int(created)
        if user.pk not in recorded:
            touchpoints.record(
                course=course,
                kind=TouchpointKind.COURSE_JOINED,
                actor=user,
                subject=user,
                target=membership,
                occurred_at=membership.joined_at,
            )
            result.touchpoints_recorded += 1


def _profiles_complete(*, course: Course, users: dict, now: datetime, result: PeopleSeeded) -> None:
    """Finished profiles get their date and their touchpoint, a few hours after joining."""
    recorded = set(
        Touchpoint.objects.filter(course=course, kind=TouchpointKind.PROFILE_COMPLETED).values_list(
            "subject_id", flat=True
        )
    )
    joined = dict(Membership.objects.filter(course=course).values_list("user_id", "joined_at"))
    for person in EVERYONE:
        user = users[person.email]
        if not user.profile_is_complete or user.pk not in joined:
            continue
        if user.profile_completed_at is None:
            after_joining = timedelta(hours=_person_rng(person).randint(2, 30))
            user.profile_completed_at = min(joined[user.pk] + after_joining, now)
            user.save(update_fields=["profile_completed_at"])
        if user.pk not in recorded:
            touchpoints.record(
                course=course,
                kind=TouchpointKind.PROFILE_COMPLETED,
                actor=user,
                subject=user,
                occurred_at=user.profile_completed_at,
            )
            result.touchpoints_recorded += 1


def _join_notifications(*, course: Course, instructor, result: PeopleSeeded) -> None:
    """Tell the instructor about the newest learners — once, on a fresh demo."""
    if Notification.objects.filter(recipient=instructor).exists():
        return
    newest = (
        Membership.objects.filter(course=course, role=Role.LEARNER)
        .select_related("user")
        .order_by("-joined_at")[:JOIN_NOTIFICATIONS]
    )
    sent = []
    for membership in reversed(newest):
        learner = membership.user
        notification = notify(
            recipient=instructor,
            kind=NotificationKind.MEMBER_JOINED,
            title=f"{learner.display_name} joined {course.title}",
            # Worded as courses.services words a real join, so the demo shows the real thing.
            body="Say hello — a quick welcome in the first week goes a long way.",
            url=reverse(
                "courses:person", kwargs={"course_slug": course.slug, "user_id": learner.pk}
            ),
            course=course,
            actor=learner,
        )
        if notification is not None:
            # Dated when the person joined, so the list reads like real history.
            Notification.objects.filter(pk=notification.pk).update(created_at=membership.joined_at)
            sent.append(notification)
    if sent:
        # The oldest one has been seen already; the rest wait in the bell.
        Notification.objects.filter(pk=sent[0].pk).update(read_at=timezone.now())
    result.notifications_sent += len(sent)
