"""Sharing a recording: the feature that sends it (a check-in, a personal note, feedback,
a reply) attaches it, which sets who may watch. Until then only its owner can."""

from datetime import datetime

from django.db import transaction

from rapport.core.refusals import Refused
from rapport.courses.models import Membership, MembershipStatus
from rapport.media.models import Audience, MediaItem, MediaStatus


@transaction.atomic
def media_attach(
    *,
    media: MediaItem,
    owner,
    course,
    audience: str,
    audience_user=None,
    available_from: datetime | None = None,
) -> MediaItem:
    """Let ``audience`` (and ``audience_user``) watch ``media`` from ``available_from``.

    Only the owner's own recording from the same course can be attached, once: calling
    again with the same audience and audience_user only moves ``available_from`` (a
    rescheduled check-in); a different audience is refused, so one message can never
    widen or narrow who sees another message's recording. A recording that failed to
    process is refused; one still processing may be attached (its player will wait).
    """
    media = MediaItem.objects.select_for_update().get(pk=media.pk)
    if media.owner_id != getattr(owner, "pk", None) or media.course_id != course.pk:
        raise Refused("You can only attach your own recordings from this course.", code="not_yours")
    if audience not in Audience.values:
        raise Refused("Choose who can see this recording.", code="bad_audience")
    if media.status == MediaStatus.FAILED:
        raise Refused(
            "That recording couldn't be processed, so it can't be sent. Record it again.",
            code="not_ready",
        )
    audience_user_id = audience_user.pk if audience_user is not None else None
    if audience_user_id is not None and not _is_active_member(course, audience_user_id):
        raise Refused("That person isn't in this course.", code="bad_audience")
    already = media.audience != Audience.PRIVATE or media.audience_user_id is not None
    if already and (media.audience, media.audience_user_id) != (audience, audience_user_id):
        raise Refused(
            "That recording is already shared with other people. Record or upload it again "
            "to share it here.",
            code="already_shared",
        )
    media.audience = audience
    media.audience_user_id = audience_user_id
    media.available_from = available_from
    media.save(update_fields=["audience", "audience_user", "available_from"])
    return media


def _is_active_member(course, user_id: int) -> bool:
    return Membership.objects.filter(
        course=course, user_id=user_id, status=MembershipStatus.ACTIVE
    ).exists()
