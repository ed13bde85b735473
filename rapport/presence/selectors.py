"""Reads for presence, and the rules for who may see what.

Who may see what (staff means an active instructor or TA of the message's course):

- A check-in: every active member of its course once it is released. Before its release
  time (a scheduled check-in) only staff see it — not in the feed, not by its URL, and its
  media is shared with the course only from the release time on.
- A personal note or feedback: its learner and *all* the course's staff, so a TA who is
  covering can follow up. Never another learner: for anyone but staff a message is looked
  up by course AND (recipient = them OR author = them), so a guessed id is a 404.
- The replies to a personal note or feedback: only the two people in that conversation,
  its learner and the message's author. Other staff see the note but not the replies.
- The replies to a check-in: one conversation per learner, seen by that learner and all
  the course's staff (any of whom may answer in it). Learners never see each other's.

Every list here costs the same number of queries however many learners or messages the
course has.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, F, Max, OuterRef, Q, Subquery

from rapport.core.reactions.selectors import reaction_chips
from rapport.courses.models import Course, Membership, MembershipStatus, Role
from rapport.courses.selectors import staff_memberships
from rapport.media.selectors import media_caption_prefetches
from rapport.presence.models import (
    Message,
    MessageKind,
    MessageTemplate,
    MessageView,
    Reaction,
    Reply,
)

PER_PAGE = 10


# --- the rules --------------------------------------------------------------------------


def may_see_message(*, message: Message, user, is_staff: bool) -> bool:
    if is_staff:
        return True
    if message.is_checkin:
        return message.is_released
    return user.pk in (message.recipient_id, message.author_id)


def may_see_thread(*, message: Message, learner_id: int, user, is_staff: bool) -> bool:
    """May ``user`` read (and so answer in) ``learner_id``'s conversation about
    ``message``?"""
    if not may_see_message(message=message, user=user, is_staff=is_staff):
        return False
    if message.is_checkin:
        return is_staff or user.pk == learner_id
    return learner_id == message.recipient_id and user.pk in (
        message.recipient_id,
        message.author_id,
    )


def _visible_to_member(user) -> Q:
    return (
        Q(kind=MessageKind.CHECKIN, released_at__isnull=False) | Q(recipient=user) | Q(author=user)
    )


def message_for(*, course: Course, user, is_staff: bool, message_id: int) -> Message | None:
    messages = Message.objects.filter(course=course, pk=message_id)
    if not is_staff:
        messages = messages.filter(_visible_to_member(user))
    return messages.select_related("course", "author", "recipient", "media").first()


# --- decorating a page of messages -----------------------------------------------------


def decorate(messages: list[Message], *, course: Course, user, staff=None) -> list[Message]:
    """Give each message its reaction chips and its author's face (a membership when the
    author is staff). Two queries for any number of messages."""
    staff = staff if staff is not None else staff_memberships(course=course)
    chips = reaction_chips(model=Reaction, target_ids=[m.pk for m in messages], user=user)
    for message in messages:
        message.reaction_chips = chips[message.pk]
        message.author_face = staff.get(message.author_id, message.author)
    return messages


def _page(messages, page_number) -> Page:
    page = Paginator(messages, PER_PAGE).get_page(page_number)
    page.object_list = list(page.object_list)
    return page


# --- the feed ---------------------------------------------------------------------------


def feed_page(*, course: Course, user, page_number=1) -> Page:
    """A learner's feed: released check-ins and their own notes and feedback, newest
    first, each knowing whether they have opened and finished it."""
    my_view = MessageView.objects.filter(message=OuterRef("pk"), user=user)
    messages = (
        Message.objects.filter(course=course, released_at__isnull=False)
        .filter(_visible_to_member(user))
        .select_related("author", "media", "course")
        .prefetch_related(*media_caption_prefetches("media"))
        .annotate(
            opened=Exists(my_view.filter(opened_at__isnull=False)),
            completed=Exists(my_view.filter(completed_at__isnull=False)),
        )
        .order_by("-released_at", "-pk")
    )
    page = _page(messages, page_number)
    decorate(page.object_list, course=course, user=user)
    return page


@dataclass
class StaffFeed:
    page: Page
    learner_count: int


def staff_feed_page(*, course: Course, user, page_number=1, kind: str = "") -> StaffFeed:
    """Everything sent in the course — scheduled check-ins first, then newest — with each
    check-in's opened and finished counts."""
    messages = Message.objects.filter(course=course)
    if kind in MessageKind.values:
        messages = messages.filter(kind=kind)
    messages = messages.select_related("author", "recipient", "media", "course").order_by(
        F("released_at").desc(nulls_first=True), "-pk"
    )
    page = _page(messages, page_number)
    staff = staff_memberships(course=course)
    decorate(page.object_list, course=course, user=user, staff=staff)
    checkin_ids = [m.pk for m in page.object_list if m.is_checkin]
    counts = {}
    if checkin_ids:
        rows = (
            _active_learner_views(course)
            .filter(message_id__in=checkin_ids)
            .values("message_id")
            .annotate(
                opened=Count("pk", filter=Q(opened_at__isnull=False)),
                completed=Count("pk", filter=Q(completed_at__isnull=False)),
            )
        )
        counts = {row["message_id"]: row for row in rows}
    for message in page.object_list:
        row = counts.get(message.pk, {})
        message.opened_count = row.get("opened", 0)
        message.completed_count = row.get("completed", 0)
    return StaffFeed(page=page, learner_count=_active_learners(course).count())


def _active_learners(course: Course):
    return Membership.objects.filter(
        course=course, role=Role.LEARNER, status=MembershipStatus.ACTIVE
    )


def _active_learner_views(course: Course):
    return MessageView.objects.filter(
        Exists(_active_learners(course).filter(user_id=OuterRef("user_id")))
    )


def learners(*, course: Course) -> list[Membership]:
    """The course's active learners with their user rows, by name — for pickers."""
    return sorted(
        _active_learners(course).select_related("user"),
        key=lambda m: m.user.display_name.casefold(),
    )


# --- one message --------------------------------------------------------------------------


@dataclass
class Reach:
    """Who has finished (watched, listened to or read), only opened, or not yet opened a
    check-in, among the course's active learners."""

    finished: list[Membership] = field(default_factory=list)
    opened: list[Membership] = field(default_factory=list)
    not_opened: list[Membership] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.finished) + len(self.opened) + len(self.not_opened)

    @property
    def opened_count(self) -> int:
        return len(self.finished) + len(self.opened)


def checkin_reach(*, message: Message, learners_by_name: list | None = None) -> Reach:
    """Two queries: the learners, and the views of this message — one when the caller has
    the course's active learners (memberships with their users, by name) already."""
    views = {
        user_id: (opened_at, completed_at)
        for user_id, opened_at, completed_at in MessageView.objects.filter(
            message=message
        ).values_list("user_id", "opened_at", "completed_at")
    }
    reach = Reach()
    if learners_by_name is None:
        learners_by_name = learners(course=message.course)
    for membership in learners_by_name:
        opened_at, completed_at = views.get(membership.user_id, (None, None))
        if completed_at:
            reach.finished.append(membership)
        elif opened_at:
            reach.opened.append(membership)
        else:
            reach.not_opened.append(membership)
    return reach


def checkin_threads(*, message: Message) -> list:
    """The learners who have a conversation about a check-in, newest activity first, each
    with ``reply_count``, ``latest`` and ``waiting`` (their turn was last). One query."""
    replies = Reply.objects.filter(message=message, thread_learner=OuterRef("pk"))
    people = (
        get_user_model()
        .objects.filter(presence_threads__message=message)
        .annotate(
            reply_count=Count("presence_threads", filter=Q(presence_threads__message=message)),
            latest=Max("presence_threads__created_at", filter=Q(presence_threads__message=message)),
            last_author=Subquery(replies.order_by("-created_at", "-pk").values("author_id")[:1]),
        )
        .order_by("-latest")
    )
    people = list(people)
    for person in people:
        person.waiting = person.last_author == person.pk
    return people


def thread_learner(*, course: Course, user_id: int) -> Membership | None:
    """The learner whose conversation ``user_id`` names — whatever their membership's
    status, so a conversation outlives someone leaving."""
    return (
        Membership.objects.filter(course=course, user_id=user_id, role=Role.LEARNER)
        .select_related("user")
        .first()
    )


def thread_replies(*, message: Message, learner_id: int, staff=None) -> list[Reply]:
    replies = list(
        Reply.objects.filter(message=message, thread_learner_id=learner_id)
        .select_related("author", "media")
        .prefetch_related(*media_caption_prefetches("media"))
        .order_by("created_at", "pk")
    )
    staff = staff if staff is not None else staff_memberships(course=message.course)
    for reply in replies:
        reply.author_face = staff.get(reply.author_id, reply.author)
    return replies


def my_view(*, message: Message, user) -> MessageView | None:
    return MessageView.objects.filter(message=message, user=user).first()


# --- templates ----------------------------------------------------------------------------


def templates_for(*, course: Course) -> list[MessageTemplate]:
    staff = staff_memberships(course=course)
    templates = list(MessageTemplate.objects.filter(course=course).select_related("owner"))
    for template in templates:
        template.owner_face = staff.get(template.owner_id, template.owner)
    return templates


def template_for(*, course: Course, template_id: int, owner=None) -> MessageTemplate | None:
    templates = MessageTemplate.objects.filter(course=course, pk=template_id)
    if owner is not None:
        templates = templates.filter(owner=owner)
    return templates.select_related("owner", "course").first()


def learners_by_id(*, course: Course, ids) -> list[Membership]:
    """Active learners among ``ids``, in the order given. One query."""
    rows = {
        m.user_id: m
        for m in _active_learners(course).filter(user_id__in=ids).select_related("user")
    }
    return [rows[pk] for pk in ids if pk in rows]


# --- for the course homes -----------------------------------------------------------------


def latest_checkin_for_learner(*, course: Course, user) -> Message | None:
    """The newest released check-in, knowing whether ``user`` opened it, ready to play in
    place (its media and captions fetched). Three queries."""
    my_view = MessageView.objects.filter(message=OuterRef("pk"), user=user)
    message = (
        Message.objects.filter(course=course, kind=MessageKind.CHECKIN, released_at__isnull=False)
        .select_related("author", "media", "course")
        .prefetch_related(*media_caption_prefetches("media"))
        .annotate(opened=Exists(my_view.filter(opened_at__isnull=False)))
        .order_by("-released_at", "-pk")
        .first()
    )
    if message is not None:
        message.author_face = staff_memberships(course=course).get(
            message.author_id, message.author
        )
    return message


def unread_personal_for(*, course: Course, user, limit: int = 5) -> list[Message]:
    """Notes and feedback sent to ``user`` they have not opened yet, newest first."""
    opened = MessageView.objects.filter(message=OuterRef("pk"), user=user, opened_at__isnull=False)
    return list(
        Message.objects.filter(course=course, recipient=user, released_at__isnull=False)
        .exclude(kind=MessageKind.CHECKIN)
        .exclude(Exists(opened))
        .select_related("author", "course")
        .order_by("-released_at", "-pk")[:limit]
    )


def latest_released_checkin(*, course: Course) -> Message | None:
    return (
        Message.objects.filter(course=course, kind=MessageKind.CHECKIN, released_at__isnull=False)
        .select_related("course", "author")
        .order_by("-released_at", "-pk")
        .first()
    )


def scheduled_checkins(*, course: Course) -> list[Message]:
    """Check-ins waiting for their release time, soonest first."""
    return list(
        Message.objects.filter(course=course, kind=MessageKind.CHECKIN, released_at__isnull=True)
        .select_related("course", "author")
        .order_by("release_at", "pk")
    )
