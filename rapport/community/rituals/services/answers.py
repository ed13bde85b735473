"""Answering a round: words, a photo, a voice clip — at least one — once per person per
round, changed freely while the round is open. Learners and staff alike answer: a teacher
sharing their own win is part of the ritual (their answer carries their role badge).

A photo is checked by content and re-encoded (``accounts.photos.process_photo``: metadata
and GPS dropped) and served only through a view that checks membership. A voice clip comes
from the recorder (``media_id``) or the plain file input (``upload``) and is shared with
the course. Every refusal happens before anything is stored."""

import uuid
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from rapport.accounts.photos import process_photo
from rapport.community.models.rituals import POST_MAX, RitualPost, RitualRound
from rapport.core import touchpoints
from rapport.core.enums import Channel
from rapport.core.kinds import TouchpointKind
from rapport.core.refusals import Refused
from rapport.courses.memberships import require_member
from rapport.media import services as media_services
from rapport.media.models import Audience, MediaItem, MediaKind, MediaStatus
from rapport.media.selectors import media_owned_by

NOTHING_TO_POST = "Add something to share: write a few words, add a photo, or record a voice clip."


@transaction.atomic
def ritual_answer_post(
    *,
    round: RitualRound,
    author,
    body: str = "",
    photo_upload=None,
    photo_alt: str = "",
    remove_photo: bool = False,
    media_id=None,
    upload=None,
    remove_media: bool = False,
    now: datetime | None = None,
) -> RitualPost:
    """Create the author's answer to ``round`` or change it. The first answer records a
    RITUAL_ANSWERED touchpoint; changes don't."""
    now = now or timezone.now()
    course = round.ritual.course
    require_member(course=course, user=author)
    if now < round.opens_at:
        raise Refused("This round hasn't opened yet.")
    if now >= round.closes_at:
        raise Refused("This round has closed — look out for next week's.")
    body = (body or "").strip()
    if len(body) > POST_MAX:
        raise Refused(f"Keep it to {POST_MAX} characters (this has {len(body)}).", field="body")
    post = RitualPost.objects.select_for_update().filter(round=round, author=author).first()
    photo = None
    if photo_upload:
        try:
            photo = process_photo(photo_upload)
        except ValidationError as error:
            raise Refused(error.messages[0], field="photo") from None
    if (
        post is not None
        and post.media_id
        and media_id
        and str(post.media.public_id) == str(media_id)
    ):
        media_id = None  # the clip the answer already has, sent back with the form
    keeps_photo = bool(post and post.photo and not remove_photo and photo is None)
    new_media = bool(media_id or upload)
    keeps_media = bool(post and post.media_id and not remove_media and not new_media)
    if not (body or photo or keeps_photo or new_media or keeps_media):
        raise Refused(NOTHING_TO_POST)
    media = _voice_take(course=course, owner=author, media_id=media_id, upload=upload, post=post)
    if media is not None:
        try:
            media_services.media_attach(
                media=media, owner=author, course=course, audience=Audience.COURSE
            )
        except Refused as refusal:
            raise Refused(refusal.message, field="media_id") from None
    created = post is None
    if created:
        post = RitualPost(round=round, author=author, created_at=now)
    old_files = []
    if photo is not None or (remove_photo and post.photo):
        old_files += [post.photo, post.photo_thumb]
        post.photo = post.photo_thumb = ""
    if photo is not None:
        stem = uuid.uuid4().hex[:8]
        post.photo.save(f"{stem}.jpg", ContentFile(photo.full), save=False)
        post.photo_thumb.save(f"{stem}-thumb.jpg", ContentFile(photo.thumb), save=False)
    old_media = None
    if post.media_id and (new_media or remove_media):
        old_media = post.media
        post.media = None
    if media is not None:
        post.media = media
    post.body = body
    post.photo_alt = (photo_alt or "").strip()[:200] if (post.photo) else ""
    post.updated_at = now
    post.save()
    _discard_on_commit(files=old_files, media=old_media)
    if created:
        touchpoints.record(
            course=course,
            kind=TouchpointKind.RITUAL_ANSWERED,
            actor=author,
            channel=Channel.VOICE if post.media_id else Channel.TEXT,
            target=post,
            occurred_at=now,
        )
    return post


def _voice_take(*, course, owner, media_id, upload, post) -> MediaItem | None:
    if media_id:
        media = media_owned_by(owner=owner, course=course, media_id=media_id)
        if media is None:
            raise Refused(
                "We couldn't find that recording. Please record or upload it again.",
                field="media_id",
            )
        if media.status == MediaStatus.FAILED:
            raise Refused(
                "That recording couldn't be processed. Please record it again.",
                field="media_id",
            )
        used = RitualPost.objects.filter(media=media)
        if post is not None:
            used = used.exclude(pk=post.pk)
        if used.exists() or media.audience != Audience.PRIVATE:
            raise Refused(
                "That recording is already shared somewhere else. Please record a new one.",
                field="media_id",
            )
    elif upload:
        try:
            media = media_services.media_create_from_upload(
                course=course, owner=owner, upload=upload
            )
        except Refused as refusal:
            raise Refused(refusal.message, field="media_file") from None
    else:
        return None
    if media.kind != MediaKind.AUDIO:
        if not media_id:
            media.original.storage.delete(media.original.name)
        raise Refused(
            "That's a video — please record or choose a voice clip (audio only).",
            field="media_id" if media_id else "media_file",
        )
    return media


def _discard_on_commit(*, files: list, media: MediaItem | None) -> None:
    """Remove a replaced photo's files and a replaced voice clip once the change is saved,
    so a learner who takes something back doesn't leave it reachable."""
    names = [(field.storage, field.name) for field in files if field]
    if media is not None:
        media_services.media_delete(media=media)  # its files go once this commits

    def discard():
        for storage, name in names:
            storage.delete(name)

    if names:
        transaction.on_commit(discard)
