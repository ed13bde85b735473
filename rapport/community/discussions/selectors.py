"""Reads for discussions, and the rule for who sees what.

Every active member of a course reads all of its discussions. A post the teaching team
has hidden is gone for learners — its author included — everywhere: the topic list, the
thread, reply and unread counts, search, the "waiting" queue, its permalink and image. A
hidden opening post takes its whole topic with it. Replies under a hidden reply stay,
drawn under the nearest post still shown. Staff see everything, hidden posts marked.

A peer group's own thread (``Topic.group``) is its members' and the teaching team's
alone: anyone else meets it as a topic that does not exist. It is on none of the course's
lists and counts, staff's included — its group's page leads to it.

Each page costs the same number of queries however many topics, posts or people the
course has.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from rapport.community.discussions import mentions, read_markers
from rapport.community.models.discussions import (
    MAX_VISUAL_DEPTH,
    Post,
    PostReaction,
    PostReport,
    Topic,
    TopicRead,
)
from rapport.core.links import reverse_for_each
from rapport.core.reactions.selectors import reaction_chips
from rapport.courses.models import Course
from rapport.courses.selectors import staff_memberships
from rapport.groups.reach import no_group_or_own

TOPICS_PER_PAGE = 20
# Replies a page: about a phone screenful a few times over, and light enough to draw fast
# when a whole class opens the same topic at once (bench/class_burst.py).
POSTS_PER_PAGE = 20
# New posts the poller appends at once (a page's worth); its next poll brings the rest.
NEWER_LIMIT = POSTS_PER_PAGE


# --- the rule ---------------------------------------------------------------------------


def _within_reach(membership, *, topic: str = "") -> Q:
    """Topics (or, with ``topic="topic__"``, posts) ``membership`` may open: for learners
    none hidden, and no group's thread but their own groups' in a published round."""
    if membership.is_staff:
        return Q()
    return Q(**{f"{topic}hidden_at__isnull": True}) & no_group_or_own(membership.user_id, via=topic)


def topics_visible_to(*, membership) -> QuerySet[Topic]:
    """Every topic of ``membership``'s course they may open, group threads included."""
    return Topic.objects.filter(course_id=membership.course_id).filter(_within_reach(membership))


def posts_visible_to(*, membership) -> QuerySet[Post]:
    posts = Post.objects.filter(course_id=membership.course_id)
    if not membership.is_staff:
        posts = posts.filter(hidden_at__isnull=True)
    return posts.filter(_within_reach(membership, topic="topic__"))


def may_open(*, topic: Topic, membership) -> bool:
    """Whether ``membership`` may open ``topic``: a query only for a learner and a group's
    thread."""
    if membership.is_staff or topic.group_id is None:
        return membership.is_staff or not topic.is_hidden
    return topics_visible_to(membership=membership).filter(pk=topic.pk).exists()


def topics_listed(*, course: Course, is_staff: bool) -> QuerySet[Topic]:
    """The course's own topics, as its lists show them: never a group's thread."""
    topics = Topic.objects.filter(course=course, group__isnull=True)
    return topics if is_staff else topics.filter(hidden_at__isnull=True)


def posts_listed(*, course: Course, is_staff: bool) -> QuerySet[Post]:
    """Posts in ``topics_listed``: what the course's search, queues and counts read."""
    posts = Post.objects.filter(course=course, topic__group__isnull=True)
    if is_staff:
        return posts
    return posts.filter(hidden_at__isnull=True, topic__hidden_at__isnull=True)


def topic_for(*, membership, topic_id: int) -> Topic | None:
    return (
        topics_visible_to(membership=membership)
        .filter(pk=topic_id)
        .select_related("course", "author")
        .first()
    )


def post_for(*, membership, post_id: int) -> Post | None:
    return (
        posts_visible_to(membership=membership)
        .filter(pk=post_id)
        .select_related("course", "topic", "author", "parent__author")
        .first()
    )


# --- the topic list ---------------------------------------------------------------------


def topic_page(*, course: Course, user, is_staff: bool, page_number=1, query: str = "") -> Page:
    """Pinned topics first, then by latest activity; each with ``reply_count``,
    ``last_post_at``, ``new_count`` (posts by others since the person last read it),
    ``unread`` (never opened), and for staff ``hidden_count``. Four queries."""
    shown = Q(posts__hidden_at__isnull=True) if not is_staff else Q()
    last_read = TopicRead.objects.filter(topic=OuterRef("pk"), user=user)
    topics = topics_listed(course=course, is_staff=is_staff).annotate(
        last_read=Coalesce(Subquery(last_read.values("last_read_post_id")[:1]), Value(0)),
        opened=Exists(last_read),
    )
    query = query.strip()
    if query:
        matching = posts_listed(course=course, is_staff=is_staff).filter(
            topic=OuterRef("pk"), body__icontains=query
        )
        topics = topics.filter(Q(title__icontains=query) | Exists(matching))
    topics = (
        topics.annotate(
            reply_count=Count("posts", filter=shown & Q(posts__parent__isnull=False)),
            hidden_count=Count("posts", filter=Q(posts__hidden_at__isnull=False)),
            last_post_at=Max("posts__created_at", filter=shown),
            new_count=Count(
                "posts",
                filter=shown
                & ~Q(posts__author=user)
                & Q(posts__pk__gt=Coalesce(Subquery(last_read.values("last_read_post_id")[:1]), 0)),
            ),
        )
        .select_related("author")
        .order_by(F("pinned_at").desc(nulls_last=True), "-last_post_at", "-pk")
    )
    page = Paginator(topics, TOPICS_PER_PAGE).get_page(page_number)
    page.object_list = list(page.object_list)
    staff = staff_memberships(course=course)
    for topic in page.object_list:
        topic.author_face = staff.get(topic.author_id, topic.author)
        topic.unread = not topic.opened and topic.author_id != user.pk
    return page


# --- one thread ---------------------------------------------------------------------------


@dataclass
class Thread:
    topic: Topic
    opening: Post
    page: Page
    reply_count: int
    # The newest post id shown to this person: the poller asks for posts after it.
    newest_id: int
    # Every post id this person may see, for marking the topic read.
    visible_ids: list[int] = field(default_factory=list)


def _tree_order(posts: list[Post], *, is_staff: bool) -> list[Post]:
    """Posts in reading order (depth first, oldest first among siblings) with
    ``shown_depth`` and ``reply_to`` (the post drawn above it). For learners hidden posts
    are left out, their replies attached to the nearest post still shown."""
    by_id = {post.pk: post for post in posts}
    shown = {pk: post for pk, post in by_id.items() if is_staff or not post.is_hidden}

    def nearest_shown(post: Post) -> Post | None:
        parent = by_id.get(post.parent_id)
        while parent is not None and parent.pk not in shown:
            parent = by_id.get(parent.parent_id)
        return parent

    children: dict[int | None, list[Post]] = {}
    for post in shown.values():
        parent = nearest_shown(post) if post.parent_id else None
        post.reply_to = parent
        children.setdefault(parent.pk if parent else None, []).append(post)
    ordered: list[Post] = []
    stack = [(post, 0) for post in reversed(_oldest_first(children.get(None, [])))]
    while stack:
        post, depth = stack.pop()
        post.shown_depth = depth
        post.shown_level = min(depth, MAX_VISUAL_DEPTH)
        # Deeper than the page nests: drawn at the deepest level, saying whom it answers.
        post.flat = depth > MAX_VISUAL_DEPTH
        ordered.append(post)
        kids = _oldest_first(children.get(post.pk, []))
        stack.extend((kid, depth + 1) for kid in reversed(kids))
    return ordered


def _oldest_first(posts: list[Post]) -> list[Post]:
    return sorted(posts, key=lambda post: (post.created_at, post.pk))


@dataclass(eq=False)
class _Place:
    """Where a post stands in its thread: all the tree order needs, without the post's
    text and author (a long thread's page loads those only for the posts it draws)."""

    pk: int
    parent_id: int | None
    created_at: datetime
    hidden_at: datetime | None

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


def _places(topic_id: int) -> list[_Place]:
    rows = Post.objects.filter(topic_id=topic_id).order_by("created_at", "pk")
    return [_Place(*row) for row in rows.values_list("pk", "parent_id", "created_at", "hidden_at")]


def _posts_at(places: list[_Place]) -> list[Post]:
    """The posts standing at ``places``, with their author, carrying the places' tree
    attributes (``reply_to`` as the post it answers)."""
    wanted = {place.pk for place in places} | {p.reply_to.pk for p in places if p.reply_to}
    found = Post.objects.select_related("author").in_bulk(wanted)
    posts = []
    for place in places:
        post = found[place.pk]
        post.reply_to = found[place.reply_to.pk] if place.reply_to else None
        post.shown_depth, post.shown_level, post.flat = (
            place.shown_depth,
            place.shown_level,
            place.flat,
        )
        posts.append(post)
    return posts


def thread(*, topic: Topic, user, is_staff: bool, page_number=1, last_read: int = 0) -> Thread:
    """A page of a topic's replies in reading order, the opening post above them. A fixed
    number of queries for any size of topic; only the posts drawn are loaded whole."""
    ordered = _tree_order(_places(topic.pk), is_staff=is_staff)
    replies = [place for place in ordered[1:] if place.shown_depth > 0]
    page = Paginator(replies, POSTS_PER_PAGE).get_page(page_number)
    opening, *page.object_list = _posts_at([ordered[0], *page.object_list])
    decorate([opening, *page.object_list], course=topic.course, user=user, is_staff=is_staff)
    for post in [opening, *page.object_list]:
        post.is_new = post.pk > last_read and post.author_id != user.pk
    visible_ids = [place.pk for place in ordered]
    return Thread(
        topic=topic,
        opening=opening,
        page=page,
        reply_count=len(replies),
        newest_id=max(visible_ids),
        visible_ids=visible_ids,
    )


@dataclass
class Newer:
    posts: list[Post]
    # Every post id this person may see, for marking the topic read.
    visible_ids: list[int] = field(default_factory=list)


def newer_posts(*, topic: Topic, user, is_staff: bool, after: int) -> Newer:
    """Posts this person may see added to ``topic`` after post id ``after``, oldest first,
    each with ``reply_to`` — what the thread page's poller appends. When there are none
    (most polls) that costs one small query."""
    seen = topic.posts.all() if is_staff else topic.posts.filter(hidden_at__isnull=True)
    if not seen.filter(pk__gt=after).exists():
        return Newer(posts=[])
    ordered = _tree_order(_places(topic.pk), is_staff=is_staff)
    newer = sorted((place for place in ordered if place.pk > after), key=lambda p: p.pk)
    newer = _posts_at(newer[:NEWER_LIMIT])
    decorate(newer, course=topic.course, user=user, is_staff=is_staff)
    for post in newer:
        post.is_new = post.author_id != user.pk
        post.shown_level, post.flat = 0, not post.is_opening
    return Newer(posts=newer, visible_ids=[post.pk for post in ordered])


# The links under each post (post.links), by URL name in the community namespace.
POST_LINKS = (
    "post",
    "post_history",
    "post_reply",
    "post_edit",
    "post_report",
    "post_hide",
    "post_react",
)


def decorate(posts: list[Post], *, course: Course, user, is_staff: bool) -> list[Post]:
    """Give each post ``html`` (mentions resolved), ``links``, ``author_face``,
    ``reaction_chips``, ``image_url`` and, for staff, ``open_reports``. Four queries for any
    number of posts."""
    if not posts:
        return posts
    staff = staff_memberships(course=course)
    ids = [post.pk for post in posts]
    people = mentions.active_members(
        course=course, ids=set().union(*(mentions.mentioned_ids(post.body) for post in posts))
    )
    chips = reaction_chips(model=PostReaction, target_ids=ids, user=user)
    reports = {}
    if is_staff and ids:
        rows = (
            PostReport.objects.filter(post_id__in=ids, resolved_at__isnull=True)
            .values("post_id")
            .annotate(count=Count("pk"))
        )
        reports = {row["post_id"]: row["count"] for row in rows}
    links = {
        name: reverse_for_each(f"community:{name}", course.slug)
        for name in POST_LINKS + (("post_image",) if any(post.image for post in posts) else ())
    }
    for post in posts:
        post.links = {name: link(post.pk) for name, link in links.items()}
        post.html = (
            mentions.draw_mentions(
                post.body_html, key=post.body_html_key, text=post.body, people=people
            )
            if post.body_html_key
            else mentions.render_post(post.body, people=people)
        )
        post.author_face = staff.get(post.author_id, post.author)
        post.reaction_chips = chips.get(post.pk, [])
        post.open_reports = reports.get(post.pk, 0)
        post.image_url = post.links["post_image"] if post.image else ""
    return posts


def last_read_post_id(*, topic: Topic, user) -> int:
    """Stored or, in the web server, noted a moment ago and not yet written (read_markers)."""
    stored = (
        TopicRead.objects.filter(topic=topic, user=user)
        .values_list("last_read_post_id", flat=True)
        .first()
        or 0
    )
    return max(stored, read_markers.noted(topic_id=topic.pk, user_id=user.pk))


def page_of_post(*, post: Post, user, is_staff: bool) -> int:
    """Which page of its topic's replies ``post`` is drawn on."""
    if post.is_opening:
        return 1
    places = _tree_order(_places(post.topic_id), is_staff=is_staff)
    ordered = [p for p in places if p.shown_depth > 0]
    position = next((i for i, p in enumerate(ordered) if p.pk == post.pk), 0)
    return position // POSTS_PER_PAGE + 1


def revisions(*, post: Post) -> list:
    """What a post said before each edit, newest first, each drawn as ``html``."""
    rows = list(post.revisions.select_related("edited_by").order_by("-created_at", "-pk"))
    ids = set().union(*(mentions.mentioned_ids(row.body) for row in rows))
    people = mentions.active_members(course=post.course, ids=ids)
    for row in rows:
        row.html = mentions.render_post(row.body, people=people)
    return rows
