"""Private staff notes about a learner: written, edited and deleted only by their author."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from rapport.core.refusals import Refused
from rapport.courses.memberships import require_learner, require_staff
from rapport.courses.models import Course
from rapport.knowing.models.notes import NOTE_MAX_LENGTH, StaffNote
from rapport.knowing.services.common import clean_text

EMPTY_NOTE = "Write something before saving the note."
TOO_LONG = f"Keep a note under {NOTE_MAX_LENGTH:,} characters — or split it into two."


def _checked_body(body: str | None) -> str:
    body = clean_text(body)
    if not body:
        raise Refused(EMPTY_NOTE, field="body")
    if len(body) > NOTE_MAX_LENGTH:
        raise Refused(TOO_LONG, field="body")
    return body


@transaction.atomic
def staff_note_add(
    *, course: Course, author, learner, body: str, now: datetime | None = None
) -> StaffNote:
    require_staff(course=course, user=author)
    require_learner(course=course, user=learner)
    now = now or timezone.now()
    return StaffNote.objects.create(
        course=course,
        learner=learner,
        author=author,
        body=_checked_body(body),
        created_at=now,
        updated_at=now,
    )


def _require_author(note: StaffNote, user) -> None:
    require_staff(course=note.course, user=user)
    if not note.may_change(user):
        raise Refused("Only the person who wrote a note can change it.")


@transaction.atomic
def staff_note_update(
    *, note: StaffNote, editor, body: str, now: datetime | None = None
) -> StaffNote:
    _require_author(note, editor)
    note.body = _checked_body(body)
    note.updated_at = now or timezone.now()
    note.save(update_fields=["body", "updated_at"])
    return note


@transaction.atomic
def staff_note_delete(*, note: StaffNote, editor) -> None:
    _require_author(note, editor)
    note.delete()
