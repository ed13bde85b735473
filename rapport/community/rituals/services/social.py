"""What the class does with each other's answers: emoji reactions, short replies and —
in a class-vote ritual — one vote each per round."""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from rapport.community.models.rituals import (
    REPLY_MAX,
    RitualPost,
    RitualReaction,
    RitualReply,
    RitualVote,
)
from rapport.core import touchpoints
from rapport.core.enums import Channel
from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.notifications import notify
from rapport.core.reactions import services as reactions
from rapport.core.refusals import Refused
from rapport.courses.memberships import require_member


@transaction.atomic
def post_react(
    *, post: RitualPost, user, emoji: str, course=None, now: datetime | None = None
) -> bool:
    """Add the reaction, or take it back if it is there. Returns True when added.

    ``course`` is the one the person acts in (the page's); it defaults to the post's own,
    and a post from another course is refused. The ledger hears of a person's first
    reaction to a post, once: taking it back, reacting again or adding another emoji is
    not a new relational moment."""
    require_member(course=post.round.ritual.course, user=user)
    return reactions.reaction_toggle(
        model=RitualReaction,
        target=post,
        user=user,
        emoji=emoji,
        course=course or post.round.ritual.course,
        touchpoint_kind=TouchpointKind.POST_REACTION,
        at=now,
    ).added


@transaction.atomic
def post_reply(*, post: RitualPost, author, body: str, now: datetime | None = None) -> RitualReply:
    """A short reply under a post; its author hears of it."""
    course = post.round.ritual.course
    require_member(course=course, user=author)
    body = (body or "").strip()
    if not body:
        raise Refused("Write a reply first.", field="body")
    if len(body) > REPLY_MAX:
        raise Refused(
            f"Replies are short: up to {REPLY_MAX} characters (this has {len(body)}).",
            field="body",
        )
    now = now or timezone.now()
    reply = RitualReply.objects.create(post=post, author=author, body=body, created_at=now)
    if author.pk != post.author_id:
        touchpoints.record(
            course=course,
            kind=TouchpointKind.POST_REPLY,
            actor=author,
            subject=post.author,
            channel=Channel.TEXT,
            target=reply,
            occurred_at=now,
        )
        notify(
            recipient=post.author,
            kind=NotificationKind.POST_REPLY,
            title=f"{author.display_name} replied to your {post.round.ritual.title} post",
            body=body[:200],
            url=post.get_absolute_url() + f"#reply-{reply.pk}",
            course=course,
            actor=author,
        )
    return reply


@transaction.atomic
def post_vote(*, post: RitualPost, voter, now: datetime | None = None) -> bool:
    """Vote for ``post`` in its round — moving your vote if you had voted for another, or
    taking it back if it was for this one. Returns True when your vote is now on it."""
    round_ = post.round
    ritual = round_.ritual
    require_member(course=ritual.course, user=voter)
    now = now or timezone.now()
    if not ritual.by_vote:
        raise Refused("In this ritual the teaching team picks the featured posts.")
    if not round_.is_open(now):
        raise Refused("Voting has closed for this round.")
    if post.author_id == voter.pk:
        raise Refused("You can't vote for your own post — pick a classmate's!")
    mine = RitualVote.objects.select_for_update().filter(round=round_, voter=voter).first()
    if mine is not None and mine.post_id == post.pk:
        mine.delete()
        return False
    if mine is not None:
        mine.post, mine.created_at = post, now
        mine.save(update_fields=["post", "created_at"])
        return True
    try:
        with transaction.atomic():
            RitualVote.objects.create(round=round_, post=post, voter=voter, created_at=now)
    except IntegrityError:
        raise Refused("You've already voted in this round.") from None
    return True
