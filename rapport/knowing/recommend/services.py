"""Writes for the resource library and for picking a resource for one learner."""

from dataclasses import dataclass, replace
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from rapport.core import files, touchpoints
from rapport.core.enums import Channel
from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.notifications import notify
from rapport.core.refusals import Refused
from rapport.courses.memberships import require_learner, require_staff
from rapport.courses.models import Course
from rapport.knowing.models.resources import Level, Recommendation, Resource

MAX_TAGS = 12
MAX_TAG_LENGTH = 40
NOTE_MAX = 500
_http_only = URLValidator(schemes=["http", "https"])


@dataclass
class ResourceInput:
    title: str
    description: str = ""
    tags: str = ""
    level: str = Level.INTRO
    url: str = ""
    upload: object | None = None


def tags_normalise(raw: str) -> list[str]:
    """``"#Wetlands, air  quality,wetlands"`` → ``["wetlands", "air quality"]``."""
    seen: dict[str, None] = {}
    for part in (raw or "").split(","):
        tag = " ".join(part.strip().lstrip("#").lower().split())
        if tag:
            if len(tag) > MAX_TAG_LENGTH:
                raise Refused(
                    f"Keep each tag under {MAX_TAG_LENGTH} characters — “{tag[:20]}…” is longer.",
                    field="tags",
                )
            seen.setdefault(tag, None)
    if len(seen) > MAX_TAGS:
        raise Refused(f"Use at most {MAX_TAGS} tags.", field="tags")
    return list(seen)


def url_clean(raw: str) -> str:
    url = (raw or "").strip()
    if not url:
        return ""
    try:
        _http_only(url)
    except ValidationError as error:
        raise Refused(
            "Links must be web addresses starting with http:// or https://.", field="url"
        ) from error
    return url


def _clean(data: ResourceInput, *, has_file: bool) -> dict:
    title = (data.title or "").strip()
    if not title:
        raise Refused("Give the resource a title.", field="title")
    if data.level not in Level.values:
        raise Refused("Choose a level.", field="level")
    url = url_clean(data.url)
    if url and data.upload is not None:
        raise Refused("Add a link or a file, not both.", field="url")
    if not (url or data.upload is not None or has_file):
        raise Refused("Add a link or choose a file to upload.", field="url")
    return {
        "title": title[:160],
        "description": (data.description or "").strip()[:2000],
        "tags": ",".join(tags_normalise(data.tags)),
        "level": data.level,
        "url": url,
    }


def _checked(upload) -> files.CheckedFile:
    try:
        return files.check_upload(upload)
    except ValidationError as error:
        raise Refused(error.messages[0], field="file") from error


def _attach(resource: Resource, checked: files.CheckedFile, upload) -> None:
    content = ContentFile(checked.content) if checked.content is not None else upload
    resource.file.save(checked.name, content, save=False)
    resource.file_type = checked.kind.content_type
    resource.file_name = checked.name
    resource.file_size = checked.size


def _delete_file_on_commit(field) -> None:
    storage, name = field.storage, field.name
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def resource_create(*, course: Course, creator, data: ResourceInput) -> Resource:
    require_staff(course=course, user=creator)
    fields = _clean(data, has_file=False)
    checked = _checked(data.upload) if data.upload is not None else None
    now = timezone.now()
    resource = Resource(course=course, created_by=creator, created_at=now, updated_at=now, **fields)
    if checked is not None:
        _attach(resource, checked, data.upload)
    try:
        resource.save()
    except Exception:
        if resource.file.name:
            resource.file.storage.delete(resource.file.name)
        raise
    return resource


@transaction.atomic
def resource_update(*, resource: Resource, editor, data: ResourceInput) -> Resource:
    require_staff(course=resource.course, user=editor)
    if data.upload is not None and (data.url or "").strip() == resource.url:
        # A file chosen while the old link still sits in the form: the file replaces it.
        data = replace(data, url="")
    fields = _clean(data, has_file=bool(resource.file))
    checked = _checked(data.upload) if data.upload is not None else None
    old_file = resource.file.name
    for name, value in fields.items():
        setattr(resource, name, value)
    if checked is not None:
        _attach(resource, checked, data.upload)
    elif fields["url"]:
        # Switched from a file to a link: the file goes.
        resource.file, resource.file_type, resource.file_name, resource.file_size = "", "", "", 0
    resource.updated_at = timezone.now()
    try:
        resource.save()
    except Exception:
        if checked is not None and resource.file.name:
            resource.file.storage.delete(resource.file.name)
        raise
    if old_file and old_file != resource.file.name:
        storage = resource.file.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    return resource


@transaction.atomic
def resource_delete(*, resource: Resource, actor) -> None:
    require_staff(course=resource.course, user=actor)
    _delete_file_on_commit(resource.file)
    resource.delete()


def picked_url(course: Course) -> str:
    return reverse("knowing:picked", kwargs={"course_slug": course.slug})


@transaction.atomic
def recommendation_send(
    *,
    course: Course,
    resource: Resource,
    learner,
    sender,
    note: str = "",
    now: datetime | None = None,
) -> Recommendation:
    """Pick ``resource`` for ``learner``, with a personal line. Once per resource and
    learner: sending it again is refused and changes nothing."""
    require_staff(course=course, user=sender)
    require_learner(course=course, user=learner)
    if resource.course_id != course.pk:
        raise Refused("That resource isn't in this course's library.")
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise Refused(f"Keep the note under {NOTE_MAX} characters.", field="note")
    if Recommendation.objects.filter(resource=resource, learner=learner).exists():
        raise Refused(f"You've already sent “{resource.title}” to {learner.display_name}.")
    sent_at = now or timezone.now()
    try:
        with transaction.atomic():
            recommendation = Recommendation.objects.create(
                course=course,
                resource=resource,
                learner=learner,
                sender=sender,
                note=note,
                sent_at=sent_at,
            )
    except IntegrityError as error:  # the same pick, sent a moment ago from another tab
        raise Refused(
            f"You've already sent “{resource.title}” to {learner.display_name}."
        ) from error
    touchpoints.record(
        course=course,
        kind=TouchpointKind.RESOURCE_RECOMMENDED,
        actor=sender,
        subject=learner,
        channel=Channel.IN_APP,
        target=recommendation,
        occurred_at=sent_at,
    )
    notify(
        recipient=learner,
        kind=NotificationKind.RESOURCE_RECOMMENDED,
        title=f"{sender.display_name} picked something for you: {resource.title}",
        body=note,
        url=picked_url(course),
        course=course,
        actor=sender,
    )
    return recommendation
