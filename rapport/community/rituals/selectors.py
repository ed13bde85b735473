"""Reads for rituals. Every round of a course's ritual — its prompt, its answers, their
photos, voice clips, reactions and replies — is seen by the course's active members, and
only by them (views reach each through ``request.course``).

Every list costs the same number of queries however many posts or learners there are.
"""

from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Prefetch, QuerySet
from django.utils import timezone

from rapport.community.models.rituals import (
    Ritual,
    RitualPost,
    RitualReaction,
    RitualReply,
    RitualRound,
    RitualVote,
)
from rapport.community.rituals.services import open_round_of
from rapport.core.reactions.selectors import reaction_chips
from rapport.courses.models import Course, Membership, MembershipStatus, Role
from rapport.courses.selectors import staff_memberships
from rapport.media.selectors import media_caption_prefetches

POSTS_PER_PAGE = 20
ROUNDS_PER_PAGE = 6


def rituals_for(*, course: Course, user, now: datetime | None = None) -> list[Ritual]:
    """The course's rituals, each with ``current`` (its open round, else its latest) and
    whether ``user`` answered it. Three queries for any number."""
    now = now or timezone.now()
    rituals = list(Ritual.objects.filter(course=course).select_related("course"))
    latest = {}
    rounds = (
        RitualRound.objects.filter(ritual__in=rituals, opens_at__lte=now)
        .annotate(answers=Count("posts"))
        .order_by("ritual_id", "-opens_at")
    )
    for round_ in rounds:
        latest.setdefault(round_.ritual_id, round_)
    answered = set(
        RitualPost.objects.filter(round__in=latest.values(), author=user).values_list(
            "round_id", flat=True
        )
    )
    for ritual in rituals:
        ritual.current = latest.get(ritual.pk)
        ritual.current_is_open = bool(ritual.current and ritual.current.is_open(now))
        ritual.answered = bool(ritual.current and ritual.current.pk in answered)
        ritual.next_opening = None if ritual.is_paused else ritual.slot_after(now)
    return rituals


def ritual_for(*, course: Course, ritual_id: int) -> Ritual | None:
    return Ritual.objects.filter(course=course, pk=ritual_id).select_related("course").first()


def round_for(*, course: Course, round_id: int) -> RitualRound | None:
    return (
        RitualRound.objects.filter(ritual__course=course, pk=round_id, opens_at__lte=timezone.now())
        .select_related("ritual__course")
        .first()
    )


def current_round(*, ritual: Ritual, now: datetime | None = None) -> RitualRound | None:
    """The ritual's open round, else its most recent one."""
    now = now or timezone.now()
    round_ = open_round_of(ritual, now)
    if round_ is None:
        round_ = RitualRound.objects.filter(ritual=ritual, opens_at__lte=now).first()
    if round_ is not None:
        round_.ritual = ritual
    return round_


def post_for(*, course: Course, post_id: int) -> RitualPost | None:
    return (
        RitualPost.objects.filter(
            round__ritual__course=course, pk=post_id, round__opens_at__lte=timezone.now()
        )
        .select_related("round__ritual__course", "author", "media", "featured_by")
        .prefetch_related(*media_caption_prefetches("media"))
        .first()
    )


def my_post(*, round: RitualRound, user) -> RitualPost | None:
    return (
        RitualPost.objects.filter(round=round, author=user)
        .select_related("media", "round__ritual__course")
        .first()
    )


def not_answered(*, round: RitualRound) -> list[Membership]:
    """The course's active learners with no answer in ``round``, by name. One query."""
    rows = (
        Membership.objects.filter(
            course=round.ritual.course, role=Role.LEARNER, status=MembershipStatus.ACTIVE
        )
        .exclude(user__ritual_posts__round=round)
        .select_related("user")
    )
    return sorted(rows, key=lambda m: m.user.display_name.casefold())


# --- decorating posts ----------------------------------------------------------------------


def _posts(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("author", "media").prefetch_related(
        *media_caption_prefetches("media"),
        Prefetch("replies", queryset=RitualReply.objects.select_related("author")),
    )


def decorate(posts: list[RitualPost], *, course: Course, user, staff=None) -> list:
    """Give each post its reaction chips, its vote count and whether the viewer voted for
    it, and the faces of its author and repliers (a membership when they are staff). Four
    queries for any number of posts, from one round or many."""
    staff = staff if staff is not None else staff_memberships(course=course)
    ids = [post.pk for post in posts]
    chips = reaction_chips(model=RitualReaction, target_ids=ids, user=user)
    votes = dict(
        RitualVote.objects.filter(post_id__in=ids)
        .values("post_id")
        .annotate(n=Count("pk"))
        .values_list("post_id", "n")
    )
    mine = set(
        RitualVote.objects.filter(post_id__in=ids, voter=user).values_list("post_id", flat=True)
    )
    for post in posts:
        post.author_face = staff.get(post.author_id, post.author)
        post.reaction_chips = chips[post.pk]
        post.vote_count = votes.get(post.pk, 0)
        post.my_vote = post.pk in mine
        post.reply_list = list(post.replies.all())
        for reply in post.reply_list:
            reply.author_face = staff.get(reply.author_id, reply.author)
    return posts


def round_page(*, round: RitualRound, user, page_number=1) -> Page:
    """A round's answers: featured first, then in the order they came."""
    posts = _posts(RitualPost.objects.filter(round=round)).order_by(
        F("featured_at").asc(nulls_last=True), "created_at", "pk"
    )
    page = Paginator(posts, POSTS_PER_PAGE).get_page(page_number)
    page.object_list = list(page.object_list)
    for post in page.object_list:
        post.round = round
    decorate(page.object_list, course=round.ritual.course, user=user)
    return page


def post_decorated(*, post: RitualPost, user) -> RitualPost:
    decorate([post], course=post.round.ritual.course, user=user)
    return post


# --- the archive ----------------------------------------------------------------------------


def archive_page(*, ritual: Ritual, user, page_number=1, now: datetime | None = None) -> Page:
    """The ritual's rounds that have closed, newest first, each with its featured posts
    and how many answered."""
    now = now or timezone.now()
    featured = _posts(RitualPost.objects.filter(featured_at__isnull=False)).order_by(
        "featured_at", "pk"
    )
    rounds = (
        RitualRound.objects.filter(ritual=ritual, closes_at__lte=now)
        .annotate(answers=Count("posts"))
        .prefetch_related(Prefetch("posts", queryset=featured, to_attr="featured_posts"))
        .order_by("-opens_at")
    )
    page = Paginator(rounds, ROUNDS_PER_PAGE).get_page(page_number)
    page.object_list = list(page.object_list)
    featured_posts = []
    for round_ in page.object_list:
        round_.ritual = ritual
        for post in round_.featured_posts:
            post.round = round_
            featured_posts.append(post)
    decorate(featured_posts, course=ritual.course, user=user)
    return page
