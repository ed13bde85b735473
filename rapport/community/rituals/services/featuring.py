"""Featuring a ritual post: by the teaching team any time, or by the class's vote when a
round closes. Either way the ledger hears of it once and the author is told."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from rapport.community.models.rituals import RitualPost
from rapport.core import touchpoints
from rapport.core.enums import Channel
from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.notifications import notify
from rapport.courses.memberships import require_staff


def feature(*, post: RitualPost, actor, at: datetime, by_vote: bool = False) -> bool:
    """Feature ``post`` unless it already is. Call inside a transaction."""
    if not RitualPost.objects.filter(pk=post.pk, featured_at__isnull=True).update(
        featured_at=at, featured_by=actor
    ):
        return False
    post.featured_at, post.featured_by = at, actor
    ritual = post.round.ritual
    touchpoints.record(
        course=ritual.course,
        kind=TouchpointKind.RITUAL_FEATURED,
        actor=actor,
        subject=post.author,
        channel=Channel.IN_APP,
        target=post,
        occurred_at=at,
    )
    title = (
        f"The class voted your {ritual.title} post to the top!"
        if by_vote
        else f"Your {ritual.title} post was featured"
    )
    notify(
        recipient=post.author,
        kind=NotificationKind.POST_FEATURED,
        title=title,
        url=post.get_absolute_url(),
        course=ritual.course,
        # A vote is the class's doing: the notification names no one person.
        actor=None if by_vote else actor,
    )
    return True


@transaction.atomic
def post_feature(
    *, post: RitualPost, actor, featured: bool = True, now: datetime | None = None
) -> bool:
    """Staff feature a post (or, with ``featured=False``, stop featuring it). Returns
    whether anything changed."""
    require_staff(course=post.round.ritual.course, user=actor)
    if featured:
        return feature(post=post, actor=actor, at=now or timezone.now())
    changed = RitualPost.objects.filter(pk=post.pk, featured_at__isnull=False).update(
        featured_at=None, featured_by=None
    )
    post.featured_at = post.featured_by = None
    return bool(changed)
