"""Writes for peer feedback: asking one's group for feedback on a piece of work, answering a
groupmate's request, thanking a groupmate for their answer.

Who sees what: the work is shared with its group and the teaching team; an answer is
between its reviewer and the author (and the teaching team). A clip on the work is shared
with the course by its unguessable id (media has no group audience; only the group's pages
name it); a clip in an answer is shared with the author and the teaching team only.

Every refusal happens before anything is stored, and a file stored before a later failure
is removed again."""

import uuid
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from rapport.core import files, touchpoints
from rapport.core.enums import Channel, MembershipStatus
from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.notifications import notify
from rapport.core.refusals import Refused
from rapport.core.text import render_markdown
from rapport.groups.feedback.formats import parts_of
from rapport.groups.models import (
    TEXT_MAX,
    FeedbackFormat,
    FeedbackReply,
    FeedbackRequest,
    Group,
    GroupMember,
)
from rapport.media.models import Audience, MediaItem
from rapport.media.selectors import media_owned_by
from rapport.media.services import media_attach, media_delete

TITLE_MAX = 120
LINK_MAX = 1000
PART_MAX = 2000

NOT_IN_GROUP = "Only the members of this group can ask it for feedback."
NOT_A_GROUPMATE = "Only the author's groupmates can answer this request."
NOTHING_SHARED = "Share your work: write it here, add a link or a file, or record a clip."
NOTHING_SAID = "Write an answer to at least one question, or record a voice clip."


def _require_in_group(group: Group, member, *, refusal: str) -> None:
    """``member`` (a course membership) is active, of the group's course, and its person is
    in the group, whose round is published."""
    if (
        member is None
        or member.course_id != group.course_id
        or member.status != MembershipStatus.ACTIVE
        or group.round.published_at is None
        or not GroupMember.objects.filter(group=group, user_id=member.user_id).exists()
    ):
        raise Refused(refusal)


def _link(url) -> str:
    url = url.strip() if isinstance(url, str) else ""
    if not url:
        return ""
    if len(url) > LINK_MAX or not url.lower().startswith(("http://", "https://")):
        raise Refused("Share a web link that starts with http:// or https://.", field="link_url")
    return url


def _checked_file(upload) -> files.CheckedFile:
    try:
        return files.check_upload(upload)
    except ValidationError as error:
        raise Refused(error.messages[0], field="attachment") from None


def _clip(*, course, owner, clip_id, field: str) -> MediaItem:
    """``owner``'s own recording named by the recorder, not yet part of other feedback."""
    clip = media_owned_by(owner=owner, course=course, media_id=clip_id)
    if clip is None:
        raise Refused(
            "We couldn't find that recording. Please record or upload it again.", field=field
        )
    if (
        FeedbackRequest.objects.filter(clip=clip).exists()
        or FeedbackReply.objects.filter(clip=clip).exists()
    ):
        raise Refused("That recording is already shared. Please record a new one.", field=field)
    return clip


def _share(clip: MediaItem, *, owner, course, field: str, **audience) -> None:
    try:
        media_attach(media=clip, owner=owner, course=course, **audience)
    except Refused as refusal:
        raise Refused(refusal.message, field=field) from None


def _groupmates(group: Group, *, besides_id: int) -> list:
    """The group's other members who are still active in the course."""
    rows = (
        GroupMember.objects.filter(
            group=group,
            user__memberships__course_id=group.course_id,
            user__memberships__status=MembershipStatus.ACTIVE,
        )
        .exclude(user_id=besides_id)
        .select_related("user")
    )
    return [row.user for row in rows]


@transaction.atomic
def feedback_request_create(
    *,
    group: Group,
    member,
    title: str,
    body: str = "",
    link_url: str = "",
    attachment=None,
    clip_id=None,
    format: str = FeedbackFormat.THREE,
    at: datetime | None = None,
) -> FeedbackRequest:
    """``member`` shares a piece of work with their group — words, a link, a file or a clip,
    at least one — asking for answers in ``format``; each groupmate is told."""
    _require_in_group(group, member, refusal=NOT_IN_GROUP)
    title = " ".join(title.split()) if isinstance(title, str) else ""
    if not title:
        raise Refused("Give your work a title, so your group knows what it is.", field="title")
    if len(title) > TITLE_MAX:
        raise Refused(f"Keep the title under {TITLE_MAX} characters.", field="title")
    body = body.strip() if isinstance(body, str) else ""
    if len(body) > TEXT_MAX:
        raise Refused(
            f"Keep the text under {TEXT_MAX} characters (it has {len(body)}). Longer work "
            "fits better in a file or a link.",
            field="body",
        )
    link_url = _link(link_url)
    if format not in FeedbackFormat.values:
        raise Refused("Choose how your groupmates should answer.", field="format")
    checked = _checked_file(attachment) if attachment else None
    course, author = group.course, member.user
    clip = (
        _clip(course=course, owner=author, clip_id=clip_id, field="media_id") if clip_id else None
    )
    if not (body or link_url or checked or clip):
        raise Refused(NOTHING_SHARED)
    if clip is not None:
        _share(clip, owner=author, course=course, field="media_id", audience=Audience.COURSE)
    feedback = FeedbackRequest(
        group=group,
        course=course,
        author=author,
        title=title,
        body=body,
        body_html=render_markdown(body),
        link_url=link_url,
        clip=clip,
        format=format,
        created_at=at or timezone.now(),
    )
    if checked is None:
        return _save_and_tell(feedback)
    # Stored under a name of its own; the person's file name is kept for the download.
    stored = f"{uuid.uuid4().hex}.{checked.name.rpartition('.')[2]}"
    content = ContentFile(checked.content) if checked.content is not None else attachment
    feedback.attachment.save(stored, content, save=False)
    feedback.attachment_name = checked.name
    try:
        return _save_and_tell(feedback)
    except BaseException:
        feedback.attachment.storage.delete(feedback.attachment.name)
        raise


def _save_and_tell(feedback: FeedbackRequest) -> FeedbackRequest:
    feedback.save()
    author = feedback.author
    for mate in _groupmates(feedback.group, besides_id=author.pk):
        notify(
            recipient=mate,
            kind=NotificationKind.FEEDBACK_ASKED,
            title=f"{author.display_name} would love your feedback on “{feedback.title}”",
            body=f"They asked for: {feedback.get_format_display().lower()}.",
            url=feedback.get_absolute_url(),
            course=feedback.course,
            actor=author,
        )
    return feedback


def _clean_parts(format: str, parts) -> dict[str, str]:
    """Every part ``format`` asks for, as trimmed text (empty when not answered)."""
    if parts is None:
        parts = {}
    if not isinstance(parts, dict):
        raise Refused("Answer the request's questions.")
    expected = parts_of(format)
    if set(parts) - {part.key for part in expected}:
        raise Refused("That answer doesn't fit this request's questions.")
    cleaned = {}
    for part in expected:
        text = parts.get(part.key) or ""
        if not isinstance(text, str):
            raise Refused(f"“{part.prompt}” must be text.", field=f"part_{part.key}")
        text = text.strip()
        if len(text) > PART_MAX:
            raise Refused(
                f"Keep “{part.prompt}” under {PART_MAX} characters (it has {len(text)}).",
                field=f"part_{part.key}",
            )
        cleaned[part.key] = text
    return cleaned


@transaction.atomic
def feedback_reply(
    *,
    request: FeedbackRequest,
    member,
    parts: dict,
    clip_id=None,
    at: datetime | None = None,
) -> FeedbackReply:
    """``member``'s answer to a groupmate's request, in its format, with words and/or a voice
    clip. One answer per reviewer: answering again changes it, and its clip becomes the one
    sent now (the recorder sends back the clip already there; none removes it). The first
    answer is recorded in the ledger and the author is told."""
    # One answer at a time per request, so two first answers can't race.
    request = (
        FeedbackRequest.objects.select_for_update(of=("self",))
        .select_related("group__round", "course", "author")
        .get(pk=request.pk)
    )
    _require_in_group(request.group, member, refusal=NOT_A_GROUPMATE)
    if member.user_id == request.author_id:
        raise Refused("This is your own work: your groupmates answer it.")
    cleaned = _clean_parts(request.format, parts)
    reply = (
        FeedbackReply.objects.filter(request=request, reviewer_id=member.user_id)
        .select_related("clip")
        .first()
    )
    old_clip = reply.clip if reply is not None else None
    keeps_clip = old_clip is not None and bool(clip_id) and str(old_clip.public_id) == str(clip_id)
    course, reviewer = request.course, member.user
    if keeps_clip:
        clip = old_clip
    elif clip_id:
        clip = _clip(course=course, owner=reviewer, clip_id=clip_id, field="media_id")
    else:
        clip = None
    if not any(cleaned.values()) and clip is None:
        raise Refused(NOTHING_SAID)
    if clip is not None and not keeps_clip:
        _share(
            clip,
            owner=reviewer,
            course=course,
            field="media_id",
            audience=Audience.STAFF,
            audience_user=request.author,
        )
    now = at or timezone.now()
    created = reply is None
    if created:
        reply = FeedbackReply(request=request, reviewer=reviewer, created_at=now)
    reply.parts = cleaned
    reply.clip = clip
    reply.save()
    if old_clip is not None and not keeps_clip:
        media_delete(media=old_clip)  # taken back: its files go once this commits
    if created:
        touchpoints.record(
            course=course,
            kind=TouchpointKind.PEER_FEEDBACK,
            actor=reviewer,
            subject=request.author,
            channel=Channel.VOICE if clip is not None else Channel.TEXT,
            target=reply,
            occurred_at=now,
        )
        notify(
            recipient=request.author,
            kind=NotificationKind.PEER_FEEDBACK,
            title=f"{reviewer.display_name} gave you feedback on “{request.title}”",
            url=request.get_absolute_url(),
            course=course,
            actor=reviewer,
        )
    return reply


@transaction.atomic
def feedback_thank(*, reply: FeedbackReply, member, at: datetime | None = None) -> FeedbackReply:
    """The work's author thanks a reviewer for their answer — once."""
    reply = (
        FeedbackReply.objects.select_for_update(of=("self",))
        .select_related("request__course", "reviewer")
        .get(pk=reply.pk)
    )
    request = reply.request
    if (
        member is None
        or member.user_id != request.author_id
        or member.course_id != request.course_id
        or member.status != MembershipStatus.ACTIVE
    ):
        raise Refused("Only the person who asked for feedback can say thank you for it.")
    if reply.thanked_at is not None:
        raise Refused(f"You've already thanked {reply.reviewer.display_name} for this.")
    reply.thanked_at = at or timezone.now()
    reply.save(update_fields=["thanked_at"])
    touchpoints.record(
        course=request.course,
        kind=TouchpointKind.FEEDBACK_THANKS,
        actor=member.user,
        subject=reply.reviewer,
        channel=Channel.IN_APP,
        target=reply,
        occurred_at=reply.thanked_at,
    )
    return reply
