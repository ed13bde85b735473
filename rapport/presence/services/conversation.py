"""What follows a message: learners opening and watching it, replies in each learner's
conversation, and emoji reactions. Who may take part is decided by the rules in
``rapport.presence.selectors``."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from rapport.core import touchpoints
from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.notifications import notify
from rapport.core.reactions import services as reactions
from rapport.core.refusals import Refused
from rapport.courses.memberships import active_membership, require_member
from rapport.courses.models import Role
from rapport.media.models import Audience
from rapport.presence.models import (
    Format,
    Message,
    MessageView,
    Reaction,
    Reply,
)
from rapport.presence.recordings import media_share, media_take
from rapport.presence.selectors import may_see_message, may_see_thread
from rapport.presence.services.common import has_words, thread_url


def _learner_may_see(message: Message, user) -> bool:
    """True for an active learner who may see ``message``; views are only kept for them."""
    membership = active_membership(course=message.course, user=user)
    return (
        membership is not None
        and membership.role == Role.LEARNER
        and may_see_message(message=message, user=user, is_staff=False)
    )


@transaction.atomic
def message_open(*, message: Message, user, at: datetime | None = None) -> MessageView | None:
    """A learner opened the message. Text counts as read on opening."""
    if not _learner_may_see(message, user):
        return None
    at = at or timezone.now()
    view, _ = MessageView.objects.get_or_create(message=message, user=user)
    if MessageView.objects.filter(pk=view.pk, opened_at__isnull=True).update(opened_at=at):
        view.opened_at = at
        _opened_record(message=message, user=user, at=at)
    if message.format == Format.TEXT:
        _complete(message=message, view=view, user=user, at=at)
    return view


@transaction.atomic
def message_complete(*, message: Message, user, at: datetime | None = None) -> bool:
    """A learner watched or listened to the end (or read it). Returns True the first time;
    a check-in's CHECKIN_WATCHED touchpoint is recorded only then."""
    if not _learner_may_see(message, user):
        return False
    at = at or timezone.now()
    view, _ = MessageView.objects.get_or_create(message=message, user=user)
    if MessageView.objects.filter(pk=view.pk, opened_at__isnull=True).update(opened_at=at):
        _opened_record(message=message, user=user, at=at)
    return _complete(message=message, view=view, user=user, at=at)


def _opened_record(*, message: Message, user, at: datetime) -> None:
    # Called only when the conditional update set opened_at, so a check-in opened in two
    # tabs is recorded once.
    if message.is_checkin:
        touchpoints.record(
            course=message.course,
            kind=TouchpointKind.CHECKIN_OPENED,
            actor=user,
            subject=message.author,
            channel=message.channel,
            target=message,
            occurred_at=at,
        )


def _complete(*, message: Message, view: MessageView, user, at: datetime) -> bool:
    # A conditional update, so two tabs finishing at once still record one touchpoint.
    if not MessageView.objects.filter(pk=view.pk, completed_at__isnull=True).update(
        completed_at=at
    ):
        return False
    view.completed_at = at
    if message.is_checkin:
        touchpoints.record(
            course=message.course,
            kind=TouchpointKind.CHECKIN_WATCHED,
            actor=user,
            subject=message.author,
            channel=message.channel,
            target=message,
            occurred_at=at,
        )
    return True


@transaction.atomic
def reply_post(
    *,
    message: Message,
    thread_learner,
    author,
    body: str = "",
    media_id=None,
    upload=None,
    now: datetime | None = None,
) -> Reply:
    """A turn in ``thread_learner``'s conversation about ``message``.

    In a note or feedback only its learner and its author take part; in a check-in, the
    learner and any of the course's staff. The other side hears of it."""
    course = message.course
    membership = require_member(course=course, user=author)
    if not may_see_thread(
        message=message,
        learner_id=thread_learner.pk,
        user=author,
        is_staff=membership.is_staff,
    ):
        raise Refused("You can't reply in this conversation.")
    learner_membership = active_membership(course=course, user=thread_learner)
    if learner_membership is None or learner_membership.role != Role.LEARNER:
        raise Refused(f"{thread_learner.display_name} is no longer a learner in this course.")
    if not (has_words(body) or media_id or upload):
        raise Refused("Write a reply, or record or upload a video or voice message.")
    now = now or timezone.now()
    author_is_learner = author.pk == thread_learner.pk
    # The person on the other side: a learner answers the message's author; staff answer
    # the learner.
    other = message.author if author_is_learner else thread_learner
    media = media_take(course=course, owner=author, media_id=media_id, upload=upload)
    reply = Reply.objects.create(
        message=message,
        thread_learner=thread_learner,
        author=author,
        body=(body or "").strip(),
        format=Format.of(media),
        media=media,
        created_at=now,
    )
    if media is not None:
        if message.is_checkin:
            audience, audience_user = Audience.STAFF, None if author_is_learner else other
        else:
            audience, audience_user = Audience.PRIVATE, other
        media_share(
            media=media,
            owner=author,
            course=course,
            audience=audience,
            audience_user=audience_user,
        )
    touchpoints.record(
        course=course,
        kind=TouchpointKind.MESSAGE_REPLY,
        actor=author,
        subject=other,
        channel=Format(reply.format).channel,
        target=reply,
        occurred_at=now,
    )
    for person in _to_tell(message=message, thread_learner=thread_learner, other=other):
        notify(
            recipient=person,
            kind=NotificationKind.MESSAGE_REPLY,
            title=f"{author.display_name} replied: {message.heading}",
            body=(reply.body[:200] if reply.body else ""),
            url=thread_url(message, thread_learner),
            course=course,
            actor=author,
        )
    return reply


def _to_tell(*, message: Message, thread_learner, other) -> list:
    """Who hears of a reply: the other side, and in a check-in thread also the staff who
    have already answered that learner there (notify skips the replier themself)."""
    people = {other.pk: other}
    if message.is_checkin and other.pk != thread_learner.pk:
        earlier = (
            Reply.objects.filter(message=message, thread_learner=thread_learner)
            .exclude(author=thread_learner)
            .select_related("author")
        )
        for reply in earlier:
            people.setdefault(reply.author_id, reply.author)
    return list(people.values())


@transaction.atomic
def reaction_toggle(
    *, message: Message, user, emoji: str, course=None, at: datetime | None = None
) -> bool:
    """Add the reaction, or take it back if it is there. Returns True when added.

    ``course`` is the one the person acts in (the page's); it defaults to the message's
    own. The ledger hears of the first reaction a person makes to a message, once: taking
    it back, reacting again or adding more emoji is not another relational moment."""
    membership = require_member(course=message.course, user=user)
    if not may_see_message(message=message, user=user, is_staff=membership.is_staff):
        raise Refused("You can't react to this message.")
    return reactions.reaction_toggle(
        model=Reaction,
        target=message,
        user=user,
        emoji=emoji,
        course=course or message.course,
        touchpoint_kind=TouchpointKind.MESSAGE_REACTION,
        at=at,
    ).added
