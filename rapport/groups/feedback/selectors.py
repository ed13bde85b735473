"""Reads for peer feedback: a group's requests as its reader sees them, one request with the
answers its reader may see, and the teaching team's table of who gave and who received
feedback in a group set.

An answer is seen by its reviewer, the work's author and the teaching team; the other
groupmates see only how many answers there are."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from rapport.groups.feedback.formats import Part, answered
from rapport.groups.models import FeedbackReply, FeedbackRequest, Group, GroupMember, GroupSet
from rapport.media.selectors import media_caption_prefetches


def feedback_for_group(*, group: Group, member) -> list[FeedbackRequest]:
    """The group's requests, newest first, each with ``reply_count``, ``to_thank`` (answers
    not thanked yet) and ``replied`` (whether ``member`` has answered): one query."""
    mine = FeedbackReply.objects.filter(request=OuterRef("pk"), reviewer_id=member.user_id)
    return list(
        FeedbackRequest.objects.filter(group=group)
        .select_related("author")
        .annotate(
            reply_count=Count("replies"),
            to_thank=Count("replies", filter=Q(replies__thanked_at__isnull=True)),
            replied=Exists(mine),
        )
        .order_by("-created_at", "-pk")  # an aggregate drops the model's own ordering
    )


def feedback_request_for(*, course, request_id: int, member) -> FeedbackRequest | None:
    """A request in ``course`` for the members of its (published) group and the course's
    staff; None for anyone else, as for one that doesn't exist."""
    found = FeedbackRequest.objects.filter(
        course=course, pk=request_id, group__round__published_at__isnull=False
    ).select_related("author", "clip", "group__round__group_set")
    if not member.is_staff:
        found = found.filter(group__members__user_id=member.user_id)
    return found.first()


@dataclass(frozen=True)
class Answer:
    reply: FeedbackReply
    parts: list[tuple[Part, str]]  # the parts it answered, with their prompts


@dataclass(frozen=True)
class Groupmate:
    user: object
    answered: bool


@dataclass(frozen=True)
class FeedbackPage:
    request: FeedbackRequest
    is_author: bool
    may_answer: bool  # a groupmate of the author (staff only read)
    answers: list[Answer]  # those the reader may see, oldest first
    mine: FeedbackReply | None  # the reader's own answer
    answer_count: int
    groupmates: list[Groupmate]  # the author's groupmates, for the author and staff


def feedback_page(*, feedback: FeedbackRequest, member) -> FeedbackPage:
    """What ``member`` (a member of the request's group, or staff) sees of ``feedback``."""
    is_author = member.user_id == feedback.author_id
    sees_all = is_author or member.is_staff
    replies = list(
        FeedbackReply.objects.filter(request=feedback)
        .select_related("reviewer", "clip")
        .prefetch_related(*media_caption_prefetches("clip"))  # each answer's player
    )
    mates = [
        row.user
        for row in GroupMember.objects.filter(group_id=feedback.group_id)
        .exclude(user_id=feedback.author_id)
        .select_related("user")
    ]
    answered_by = {reply.reviewer_id for reply in replies}
    seen = [r for r in replies if sees_all or r.reviewer_id == member.user_id]
    return FeedbackPage(
        request=feedback,
        is_author=is_author,
        may_answer=not member.is_staff and any(m.pk == member.user_id for m in mates),
        answers=[Answer(reply, answered(feedback.format, reply.parts)) for reply in seen],
        mine=next((r for r in replies if r.reviewer_id == member.user_id), None),
        answer_count=len(replies),
        groupmates=sorted(
            (Groupmate(user, user.pk in answered_by) for user in mates),
            key=lambda mate: mate.user.display_name.casefold(),
        )
        if sees_all
        else [],
    )


@dataclass(frozen=True)
class FeedbackRow:
    learner: object
    asked: int  # requests they made
    given: int  # answers they wrote
    received: int  # answers to their requests
    thanked: int  # their answers the author thanked them for


def _count_for(rows, person: str):
    """How many of ``rows`` have the outer person as ``person``: a correlated count."""
    counted = (
        rows.filter(**{person: OuterRef("pk")})
        .order_by()
        .values(person)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def feedback_report(*, group_set: GroupSet) -> list[FeedbackRow]:
    """Every learner ever grouped in ``group_set`` with what they gave and received in its
    groups, by name: one query, whatever the size of the class."""
    requests = FeedbackRequest.objects.filter(group__round__group_set=group_set)
    replies = FeedbackReply.objects.filter(request__group__round__group_set=group_set)
    grouped = GroupMember.objects.filter(round__group_set=group_set).values("user_id")
    learners = (
        get_user_model()
        .objects.filter(pk__in=grouped)
        .annotate(
            asked=_count_for(requests, "author"),
            given=_count_for(replies, "reviewer"),
            received=_count_for(replies, "request__author"),
            thanked=_count_for(replies.filter(thanked_at__isnull=False), "reviewer"),
        )
    )
    rows = [
        FeedbackRow(
            learner=learner,
            asked=learner.asked,
            given=learner.given,
            received=learner.received,
            thanked=learner.thanked,
        )
        for learner in learners
    ]
    return sorted(rows, key=lambda row: (row.learner.display_name.casefold(), row.learner.pk))
