"""Writes, through the same services the app's pages use, so the ledger moment, the
notification and the live update happen as they do there. A token needs write access."""

from django.db import transaction
from django.http import HttpRequest
from ninja import Router, Status

from rapport.community.shoutouts import selectors as shoutout_selectors
from rapport.community.shoutouts.services import shoutout_give, shoutout_tags_ensure
from rapport.courses.models import Role
from rapport.courses.selectors import person_in_course
from rapport.integrations.api.v1.common import CourseSlug, member_or_404, responses
from rapport.integrations.api.v1.errors import Invalid
from rapport.integrations.api.v1.schemas import MessageIn, MessageOut, ShoutoutIn, ShoutoutOut
from rapport.presence.services.messages import note_send

router = Router(tags=["writes"])


@router.post(
    "/courses/{slug}/messages",
    response=responses(201, MessageOut),
    operation_id="message_send",
)
def message_send(request: HttpRequest, payload: MessageIn, slug: str = CourseSlug):
    """A personal text note from you to one learner (teaching team only), as "Send a note"
    in the app sends it."""
    membership = member_or_404(request, slug, staff=True)
    learner = person_in_course(course=membership.course, user_id=payload.learner_id)
    if learner is None or learner.role != Role.LEARNER:
        raise Invalid("learner_id", "No active learner in this course has this id.")
    message = note_send(
        course=membership.course,
        author=membership.user,
        recipient=learner.user,
        tone=payload.tone,
        body=payload.text,
    )
    return Status(
        201,
        {
            "id": message.pk,
            "learner_id": learner.user_id,
            "tone": message.tone,
            "text": message.body,
            "sent_at": message.released_at,
        },
    )


@router.post(
    "/courses/{slug}/shoutouts",
    response=responses(201, ShoutoutOut),
    operation_id="shoutout_give",
)
@transaction.atomic
def shoutout_create(request: HttpRequest, payload: ShoutoutIn, slug: str = CourseSlug):
    """A shout-out from you to another member of the course."""
    membership = member_or_404(request, slug)
    course = membership.course
    receiver = person_in_course(course=course, user_id=payload.receiver_id)
    if receiver is None or receiver.user_id == membership.user_id:
        raise Invalid("receiver_id", "Choose another active member of this course.")
    tag_id = payload.tag_id
    if tag_id is None:
        # The app makes a course's default tags the first time anyone opens shout-outs.
        shoutout_tags_ensure(course=course)
        tag_id = shoutout_selectors.tags(course=course)[0].pk
    elif shoutout_selectors.tag_for(course=course, tag_id=tag_id) is None:
        raise Invalid("tag_id", "This course has no shout-out tag with this id.")
    shoutout = shoutout_give(
        course=course,
        giver=membership.user,
        receiver_ids=[receiver.user_id],
        tag_id=tag_id,
        message=payload.message,
        visibility=payload.visibility,
    )
    return Status(
        201,
        {
            "id": shoutout.pk,
            "receiver_id": receiver.user_id,
            "tag": shoutout.tag,
            "message": shoutout.message,
            "visibility": shoutout.visibility,
            "given_at": shoutout.created_at,
        },
    )
