"""Message templates: reusable words with placeholders, and sending one note per learner
from a template after staff have reviewed (and perhaps edited) each one."""

from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from rapport.core.refusals import Refused
from rapport.courses.memberships import require_staff
from rapport.courses.models import Course, MembershipStatus, Role
from rapport.presence.models import Message, MessageKind, MessageTemplate
from rapport.presence.services.common import has_words
from rapport.presence.services.messages import note_send

MAX_NOTES_AT_ONCE = 200


def _clean(*, name: str, kind: str, body: str) -> tuple[str, str, str]:
    name, body = (name or "").strip(), (body or "").strip()
    if not name:
        raise Refused("Give the template a name you'll recognise.")
    if kind not in MessageKind.values:
        raise Refused("Choose what the template is for.")
    if not body:
        raise Refused("Write the template's words.")
    return name[:80], kind, body


@transaction.atomic
def template_create(*, course: Course, owner, name: str, kind: str, body: str) -> MessageTemplate:
    require_staff(course=course, user=owner)
    name, kind, body = _clean(name=name, kind=kind, body=body)
    return MessageTemplate.objects.create(
        course=course, owner=owner, name=name, kind=kind, body=body
    )


def _require_owner(*, template: MessageTemplate, actor) -> None:
    require_staff(course=template.course, user=actor)
    if template.owner_id != actor.pk:
        raise Refused("Only the person who made a template can change it.")


@transaction.atomic
def template_update(
    *, template: MessageTemplate, actor, name: str, kind: str, body: str
) -> MessageTemplate:
    _require_owner(template=template, actor=actor)
    template.name, template.kind, template.body = _clean(name=name, kind=kind, body=body)
    template.updated_at = timezone.now()
    template.save(update_fields=["name", "kind", "body", "updated_at"])
    return template


@transaction.atomic
def template_delete(*, template: MessageTemplate, actor) -> None:
    _require_owner(template=template, actor=actor)
    template.delete()


@transaction.atomic
def notes_send_from_template(
    *,
    course: Course,
    author,
    tone: str,
    bodies: dict[int, str],
    now: datetime | None = None,
) -> list[Message]:
    """One personal note per learner: ``bodies`` maps each learner's user id to the words
    reviewed for them. Placeholders left in the words are filled in for each learner now.
    All or nothing: one problem sends none."""
    require_staff(course=course, user=author)
    if not bodies:
        raise Refused("Choose at least one learner.")
    if len(bodies) > MAX_NOTES_AT_ONCE:
        raise Refused(f"Send at most {MAX_NOTES_AT_ONCE} notes at once.")
    learners = {
        user.pk: user
        for user in get_user_model().objects.filter(
            pk__in=bodies,
            memberships__course=course,
            memberships__role=Role.LEARNER,
            memberships__status=MembershipStatus.ACTIVE,
        )
    }
    missing = set(bodies) - set(learners)
    if missing:
        raise Refused("Some of the people chosen aren't learners in this course.")
    empty = [learners[pk].display_name for pk, body in bodies.items() if not has_words(body)]
    if empty:
        raise Refused("Write something for " + ", ".join(sorted(empty)) + ".")
    now = now or timezone.now()
    return [
        note_send(
            course=course,
            author=author,
            recipient=learners[pk],
            tone=tone,
            body=body,
            now=now,
        )
        for pk, body in bodies.items()
    ]
