"""Writes for discussions: starting a topic, replying, editing, reacting and reading.
Staff moderation (pin, lock, hide, reports, the class's settings) is in ``moderation``.

Every function checks the actor's right to do the thing itself. A refusal raises
``Refused`` with a message meant for the person, shown as is."""

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from rapport.community.discussions import mentions, read_markers, selectors
from rapport.community.discussions.images import process_post_image
from rapport.community.discussions.streams import TOPIC_STREAM
from rapport.community.models.discussions import (
    Post,
    PostMention,
    PostReaction,
    PostRevision,
    Topic,
    TopicRead,
)
from rapport.community.models.settings import community_settings_for
from rapport.core import realtime, touchpoints
from rapport.core.enums import Channel
from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.notifications import notify
from rapport.core.reactions import services as reactions
from rapport.core.refusals import Refused
from rapport.courses.memberships import require_member, require_staff
from rapport.courses.models import Course, Membership
from rapport.groups.models import Group

TITLE_MAX = 160
BODY_MAX = 10_000
PREVIEW = 200


def _may_see(post: Post, membership: Membership) -> bool:
    return (membership.is_staff or not post.is_hidden) and selectors.may_open(
        topic=post.topic, membership=membership
    )


def _clean_body(body: str, *, has_image: bool) -> str:
    body = (body or "").strip()
    if not body and not has_image:
        raise Refused("Write something first — or add a photo.", field="body")
    if len(body) > BODY_MAX:
        raise Refused(f"That's {len(body):,} characters; the limit is {BODY_MAX:,}.", field="body")
    return body


def _clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise Refused("Give your topic a title.", field="title")
    if len(title) > TITLE_MAX:
        raise Refused(f"Keep the title under {TITLE_MAX} characters.", field="title")
    return title


def _set_body(post: Post, body: str) -> None:
    """``body`` and its drawing, kept together (see mentions.prerender)."""
    post.body = body
    post.body_html, post.body_html_key = mentions.prerender(body)


def _image(upload):
    if upload is None:
        return None
    try:
        return process_post_image(upload)
    except ValidationError as error:
        raise Refused(" ".join(error.messages), field="image") from error


def _attach_image(post: Post, image, alt: str) -> None:
    if image is None:
        return
    post.image.save("photo.jpg", ContentFile(image.data), save=False)
    post.image_width, post.image_height = image.width, image.height
    post.image_alt = (alt or "").strip()[:300]


def _delete_file(post: Post) -> None:
    if post.image.name:
        post.image.storage.delete(post.image.name)


def topic_start(
    *,
    course: Course,
    author,
    title: str,
    body: str,
    image_upload=None,
    image_alt: str = "",
    now: datetime | None = None,
    group: Group | None = None,
) -> Topic:
    """A new topic and its opening post. Learners may start one only while the course's
    community settings allow it. The photo and the drawing are made before the write
    transaction begins, so others' writes never wait on them. With ``group``, the topic is
    that group's own thread (see ``group_topic_create``)."""
    membership = require_member(course=course, user=author)
    if not membership.is_staff and not community_settings_for(course).learners_may_start_topics:
        raise Refused(
            "Only the teaching team can start new topics in this course right now — reply "
            "in an existing one, or ask them to open a topic for you."
        )
    title = _clean_title(title)
    image = _image(image_upload)
    now = now or timezone.now()
    post = Post(course=course, author=author, created_at=now)
    _set_body(post, _clean_body(body, has_image=image is not None))
    _attach_image(post, image, image_alt)
    try:
        with transaction.atomic():
            post.topic = Topic.objects.create(
                course=course, author=author, title=title, created_at=now, group=group
            )
            post.save()
            touchpoints.record(
                course=course,
                kind=TouchpointKind.TOPIC_STARTED,
                actor=author,
                channel=Channel.TEXT,
                target=post.topic,
                occurred_at=now,
            )
            _mentions_record(post=post, author=author, now=now)
    except BaseException:
        _delete_file(post)
        raise
    return post.topic


def group_topic_create(*, group: Group, author, title: str, body: str) -> Topic:
    """A peer group's own thread, opened by the teaching team member who publishes its
    round: only the group's members and the teaching team see it."""
    require_staff(course=group.course, user=author)
    return topic_start(course=group.course, author=author, title=title, body=body, group=group)


def post_reply(
    *,
    parent: Post,
    author,
    body: str,
    image_upload=None,
    image_alt: str = "",
    now: datetime | None = None,
) -> Post:
    """A reply to ``parent`` (the opening post or another reply). Its author hears of it
    and the ledger records who answered whom. The photo and the drawing are made before
    the write transaction begins, so others' writes never wait on them."""
    course = parent.course
    require_member(course=course, user=author)
    image = _image(image_upload)
    now = now or timezone.now()
    post = Post(course=course, parent=parent, depth=parent.depth + 1, author=author, created_at=now)
    _set_body(post, _clean_body(body, has_image=image is not None))
    _attach_image(post, image, image_alt)
    try:
        with transaction.atomic():
            _reply_save(post, parent=parent, author=author, now=now)
    except BaseException:
        _delete_file(post)
        raise
    return post


def _reply_save(post: Post, *, parent: Post, author, now: datetime) -> None:
    course = post.course
    membership = require_member(course=course, user=author)
    topic = Topic.objects.select_for_update().get(pk=parent.topic_id)
    parent.topic = post.topic = topic
    if not _may_see(parent, membership):
        raise Refused("That post isn't there any more.")
    if topic.is_locked:
        raise Refused(
            "This topic is locked, so no new replies can be added. The teaching team can "
            "unlock it if there's more to say."
        )
    post.save()
    # Pages showing the topic fetch what is new (rapport.courses.consumers).
    realtime.stream_changed_on_commit(course.pk, TOPIC_STREAM, topic.pk)
    answered = parent.author
    if answered.pk != author.pk:
        touchpoints.record(
            course=course,
            kind=TouchpointKind.POST_REPLY,
            actor=author,
            subject=answered,
            channel=Channel.TEXT,
            target=post,
            occurred_at=now,
        )
        notify(
            recipient=answered,
            kind=NotificationKind.POST_REPLY,
            title=f"{author.display_name} replied to you in “{topic.title}”",
            body=_preview(post),
            url=post.get_absolute_url(),
            course=course,
            actor=author,
        )
    _mentions_record(post=post, author=author, now=now, already_told={answered.pk})


@transaction.atomic
def post_edit(
    *, post: Post, editor, body: str, title: str | None = None, now: datetime | None = None
) -> Post:
    """The author changes their words (and an opening post's title). What it said before
    is kept as a revision; people newly mentioned hear of it."""
    membership = require_member(course=post.course, user=editor)
    post = Post.objects.select_for_update().select_related("topic", "course").get(pk=post.pk)
    if post.author_id != editor.pk:
        raise Refused("Only the person who wrote a post can edit it.")
    if not _may_see(post, membership):
        raise Refused("That post isn't there any more.")
    body = _clean_body(body, has_image=bool(post.image))
    new_title = _clean_title(title) if post.is_opening and title is not None else None
    title_changed = new_title is not None and new_title != post.topic.title
    if body == post.body and not title_changed:
        return post
    now = now or timezone.now()
    PostRevision.objects.create(
        post=post,
        title=post.topic.title if post.is_opening else "",
        body=post.body,
        edited_by=editor,
        created_at=now,
    )
    _set_body(post, body)
    post.edited_at = now
    post.save(update_fields=["body", "body_html", "body_html_key", "edited_at"])
    if title_changed:
        post.topic.title = new_title
        post.topic.save(update_fields=["title"])
    _mentions_record(post=post, author=editor, now=now)
    return post


def _mentions_record(*, post: Post, author, now: datetime, already_told=frozenset()) -> None:
    """Everyone the post newly names who is an active member of its course (of a group's
    thread: of the group, or its teaching team): a MENTION touchpoint each, and a
    notification unless they were just told of a reply."""
    ids = mentions.mentioned_ids(post.body) - {author.pk}
    people = mentions.active_members(course=post.course, ids=ids, group_id=post.topic.group_id)
    known = set(PostMention.objects.filter(post=post).values_list("user_id", flat=True))
    for person in people.values():
        if person.pk in known:
            continue
        PostMention.objects.create(post=post, user=person, created_at=now)
        touchpoints.record(
            course=post.course,
            kind=TouchpointKind.MENTION,
            actor=author,
            subject=person,
            channel=Channel.TEXT,
            target=post,
            occurred_at=now,
        )
        if person.pk not in already_told:
            notify(
                recipient=person,
                kind=NotificationKind.MENTIONED,
                title=f"{author.display_name} mentioned you in “{post.topic.title}”",
                body=_preview(post, people=people),
                url=post.get_absolute_url(),
                course=post.course,
                actor=author,
            )


def _preview(post: Post, people: dict | None = None) -> str:
    if people is None:
        people = mentions.active_members(course=post.course, ids=mentions.mentioned_ids(post.body))
    text = mentions.plain_text(post.body, people=people)
    if not text and post.image:
        return "Shared a photo."
    return text if len(text) <= PREVIEW else text[: PREVIEW - 1].rstrip() + "…"


@transaction.atomic
def reaction_toggle(
    *, post: Post, user, emoji: str, course: Course | None = None, at: datetime | None = None
) -> bool:
    """Add the reaction, or take it back if it is there. Returns True when added. ``course``
    is the one the person acts in (the page's); it defaults to the post's own. The ledger
    hears of a person's first reaction to someone else's post, once."""
    membership = require_member(course=post.course, user=user)
    if not _may_see(post, membership):
        raise Refused("That post isn't there any more.")
    return reactions.reaction_toggle(
        model=PostReaction,
        target=post,
        user=user,
        emoji=emoji,
        course=course or post.course,
        touchpoint_kind=TouchpointKind.POST_REACTION,
        at=at,
    ).added


def topic_mark_read(
    *, topic: Topic, user, shown_ids: Iterable[int], visible_ids: Iterable[int]
) -> int:
    """Move the person's read marker past the posts just on their screen — but never past
    a post they may see and have not yet been shown (on another page, say). Returns the
    marker. In the web server the new marker is only noted, and written with others a
    moment later (see read_markers): a page view never waits for the write lock. Nothing is
    written when the marker stays where it was."""
    old = selectors.last_read_post_id(topic=topic, user=user)
    marker = read_markers.marker_after(old=old, shown_ids=shown_ids, visible_ids=visible_ids)
    if marker == old:
        return marker
    if read_markers.is_buffering():
        read_markers.note(topic_id=topic.pk, user_id=user.pk, marker=marker)
    else:
        topic_reads_save(markers={(topic.pk, user.pk): marker})
    return marker


@transaction.atomic
def topic_reads_save(*, markers: dict[tuple[int, int], int]) -> None:
    """Write read markers — ``{(topic id, user id): post id}`` — in one transaction, each
    only forward (a marker written meanwhile from elsewhere may be further on)."""
    now = timezone.now()
    topic_ids = {topic_id for topic_id, _ in markers}
    user_ids = {user_id for _, user_id in markers}
    existing = {
        (read.topic_id, read.user_id): read
        for read in TopicRead.objects.select_for_update().filter(
            topic_id__in=topic_ids, user_id__in=user_ids
        )
    }
    changed, new = [], []
    for (topic_id, user_id), marker in markers.items():
        read = existing.get((topic_id, user_id))
        if read is None:
            new.append(
                TopicRead(topic_id=topic_id, user_id=user_id, last_read_post_id=marker, read_at=now)
            )
        elif marker > read.last_read_post_id:
            read.last_read_post_id, read.read_at = marker, now
            changed.append(read)
    TopicRead.objects.bulk_update(changed, ["last_read_post_id", "read_at"])
    # A topic deleted since it was read takes its markers with it.
    live = set(Topic.objects.filter(pk__in={r.topic_id for r in new}).values_list("pk", flat=True))
    TopicRead.objects.bulk_create([r for r in new if r.topic_id in live], ignore_conflicts=True)
