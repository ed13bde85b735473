"""Writes for shout-outs: giving one, and staff keeping the course's tags.

Every function checks the actor's right itself. A refusal raises ``Refused`` with
a message for the person, shown as is; nothing is saved when one is raised."""

from collections.abc import Iterable
from datetime import datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from rapport.community.models.settings import community_settings_for
from rapport.community.models.shoutouts import (
    DEFAULT_TAGS,
    MESSAGE_MAX,
    Shoutout,
    ShoutoutReceiver,
    ShoutoutTag,
    ShoutoutVisibility,
)
from rapport.core import touchpoints
from rapport.core.enums import Channel
from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.notifications import notify
from rapport.core.refusals import Refused
from rapport.courses.memberships import require_member, require_staff
from rapport.courses.models import Course, Membership, MembershipStatus

# One shout-out can thank a small group; the whole class is what the wall is for.
MAX_RECEIVERS = 10
TAG_LABEL_MAX = 40
TAGS_STAFF_ONLY = "Only the course's teaching team can change the tags."


def course_day(course: Course, at: datetime) -> tuple[datetime, datetime]:
    """The start and end of the course-local calendar day holding ``at`` (23 or 25 hours
    long on the days daylight saving time changes)."""
    zone = course.zone()
    day = at.astimezone(zone).date()
    return (
        datetime.combine(day, time(0), tzinfo=zone),
        datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone),
    )


def given_today(*, course: Course, giver, at: datetime | None = None) -> int:
    start, end = course_day(course, at or timezone.now())
    return Shoutout.objects.filter(
        course=course, giver=giver, created_at__gte=start, created_at__lt=end
    ).count()


def _active(course: Course):
    return Membership.objects.filter(course=course, status=MembershipStatus.ACTIVE)


@transaction.atomic
def shoutout_give(
    *,
    course: Course,
    giver,
    receiver_ids: Iterable,
    tag_id,
    message: str,
    visibility: str = ShoutoutVisibility.CLASS,
    now: datetime | None = None,
) -> Shoutout:
    """Recognise one or more active members of ``course``. Records a SHOUTOUT touchpoint
    from the giver to each receiver and tells each of them."""
    now = now or timezone.now()
    # Locking the giver's membership row makes two shout-outs sent at the same moment
    # count one after the other against the daily limit.
    require_member(course=course, user=giver, lock=True)
    message = (message or "").strip()
    if not message:
        raise Refused("Write a few words about what they did.", field="message")
    if len(message) > MESSAGE_MAX:
        raise Refused(
            f"Keep it to {MESSAGE_MAX} characters (this one has {len(message)}).",
            field="message",
        )
    if visibility not in ShoutoutVisibility.values:
        raise Refused("Choose who can see this shout-out.", field="visibility")
    tag = _offered_tag(course=course, tag_id=tag_id)
    receivers = _receivers(course=course, giver=giver, receiver_ids=receiver_ids)
    limit = community_settings_for(course).shoutout_daily_limit
    if given_today(course=course, giver=giver, at=now) >= limit:
        raise Refused(
            f"You've given {limit} shout-out{'s' if limit != 1 else ''} today — that's the "
            "daily limit in this course. You can give more tomorrow."
            if limit
            else "Shout-outs are switched off in this course."
        )
    shoutout = Shoutout.objects.create(
        course=course, giver=giver, tag=tag, message=message, visibility=visibility, created_at=now
    )
    ShoutoutReceiver.objects.bulk_create(
        ShoutoutReceiver(shoutout=shoutout, user=receiver) for receiver in receivers
    )
    shoutout.receiver_users = receivers
    url = shoutout.get_absolute_url()
    for receiver in receivers:
        touchpoints.record(
            course=course,
            kind=TouchpointKind.SHOUTOUT,
            actor=giver,
            subject=receiver,
            channel=Channel.TEXT,
            target=shoutout,
            occurred_at=now,
        )
        notify(
            recipient=receiver,
            kind=NotificationKind.SHOUTOUT,
            title=f"{giver.display_name} gave you a shout-out: {tag}",
            body=message[:200],
            url=url,
            course=course,
            actor=giver,
        )
    return shoutout


def _offered_tag(*, course: Course, tag_id) -> ShoutoutTag:
    tag = None
    if str(tag_id or "").isdigit():
        tag = ShoutoutTag.objects.filter(
            course=course, pk=int(tag_id), retired_at__isnull=True
        ).first()
    if tag is None:
        raise Refused("Choose one of the tags shown.", field="tag")
    return tag


def _receivers(*, course: Course, giver, receiver_ids: Iterable) -> list:
    ids = []
    for value in receiver_ids or ():
        if not str(value).isdigit():
            raise Refused("Choose people from this course.", field="receivers")
        if int(value) not in ids:
            ids.append(int(value))
    if not ids:
        raise Refused("Choose at least one person to shout out.", field="receivers")
    if giver.pk in ids:
        raise Refused(
            "You can't give yourself a shout-out — though we're sure you deserve one!",
            field="receivers",
        )
    if len(ids) > MAX_RECEIVERS:
        raise Refused(f"One shout-out can be for up to {MAX_RECEIVERS} people.", field="receivers")
    found = {
        m.user_id: m.user for m in _active(course).filter(user_id__in=ids).select_related("user")
    }
    if len(found) != len(ids):
        raise Refused(
            "Some of the people you chose aren't members of this course. Choose again from "
            "the list.",
            field="receivers",
        )
    return [found[pk] for pk in ids]


# --- tags ---------------------------------------------------------------------------------


def shoutout_tags_ensure(*, course: Course) -> None:
    """Give the course the default tags the first time shout-outs are used."""
    if ShoutoutTag.objects.filter(course=course).exists():
        return
    ShoutoutTag.objects.bulk_create(
        [
            ShoutoutTag(course=course, label=label, emoji=emoji, position=index)
            for index, (label, emoji) in enumerate(DEFAULT_TAGS)
        ],
        ignore_conflicts=True,
    )


def _clean_label(label: str) -> str:
    label = " ".join((label or "").split())
    if not label:
        raise Refused("Give the tag a name, like “Curious”.", field="label")
    if len(label) > TAG_LABEL_MAX:
        raise Refused(f"Keep the tag's name to {TAG_LABEL_MAX} characters.", field="label")
    return label


def _clean_emoji(emoji: str) -> str:
    emoji = "".join((emoji or "").split())
    if len(emoji) > 8:
        raise Refused("Use one emoji (or none).", field="emoji")
    return emoji


def _label_taken(*, course: Course, label: str, exclude_pk: int | None = None) -> bool:
    others = ShoutoutTag.objects.filter(course=course, label__iexact=label)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    return others.exists()


@transaction.atomic
def shoutout_tag_create(*, course: Course, actor, label: str, emoji: str = "") -> ShoutoutTag:
    require_staff(course=course, user=actor, refusal=TAGS_STAFF_ONLY)
    shoutout_tags_ensure(course=course)
    label, emoji = _clean_label(label), _clean_emoji(emoji)
    if _label_taken(course=course, label=label):
        raise Refused(
            f"There's already a tag called “{label}” (it may be retired — restore it below).",
            field="label",
        )
    position = ShoutoutTag.objects.filter(course=course).aggregate(m=Max("position"))["m"] or 0
    try:
        with transaction.atomic():
            return ShoutoutTag.objects.create(
                course=course, label=label, emoji=emoji, position=position + 1
            )
    except IntegrityError:
        raise Refused(f"There's already a tag called “{label}”.", field="label") from None


@transaction.atomic
def shoutout_tag_update(*, tag: ShoutoutTag, actor, label: str, emoji: str = "") -> ShoutoutTag:
    """Rename a tag (shout-outs that used it show the new name)."""
    require_staff(course=tag.course, user=actor, refusal=TAGS_STAFF_ONLY)
    label, emoji = _clean_label(label), _clean_emoji(emoji)
    if _label_taken(course=tag.course, label=label, exclude_pk=tag.pk):
        raise Refused(f"There's already a tag called “{label}”.", field="label")
    tag.label, tag.emoji = label, emoji
    tag.save(update_fields=["label", "emoji"])
    return tag


@transaction.atomic
def shoutout_tag_retire(*, tag: ShoutoutTag, actor, retired: bool = True) -> ShoutoutTag:
    """Stop offering a tag (``retired=False`` offers it again). Shout-outs keep it."""
    require_staff(course=tag.course, user=actor, refusal=TAGS_STAFF_ONLY)
    if retired and not tag.is_retired:
        offered = ShoutoutTag.objects.filter(course=tag.course, retired_at__isnull=True)
        if not offered.exclude(pk=tag.pk).exists():
            raise Refused("Keep at least one tag to choose from.")
        tag.retired_at = timezone.now()
    elif not retired:
        tag.retired_at = None
    tag.save(update_fields=["retired_at"])
    return tag
