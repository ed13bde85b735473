"""The touchpoint ledger: the one way any feature records a relational moment.

Features call ``record`` inside their service's transaction; the radar reads only
``Touchpoint`` rows, never other features' tables. Kinds live in ``core.kinds``.
"""

from collections.abc import Iterable, Mapping
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from rapport.core.enums import Channel
from rapport.core.kinds import TouchpointKind
from rapport.core.models import Touchpoint

# Checked for each moment recorded: a class's answers record hundreds at once, and each
# lookup of the choices' values walks the enumeration.
_KINDS = frozenset(TouchpointKind.values)
_CHANNELS = frozenset(Channel.values)


def _touchpoint(
    *,
    course,
    kind: TouchpointKind,
    actor=None,
    subject=None,
    channel: Channel = Channel.SYSTEM,
    target: models.Model | None = None,
    occurred_at: datetime | None = None,
    value: int | None = None,
) -> Touchpoint:
    """An unsaved moment, its kind and channel checked."""
    if kind not in _KINDS:
        raise ValueError(f"Unknown touchpoint kind {kind!r}; add it to core.kinds first.")
    if channel not in _CHANNELS:
        raise ValueError(f"Unknown channel {channel!r}.")
    return Touchpoint(
        course=course,
        actor=actor,
        subject=subject,
        kind=kind,
        channel=channel,
        occurred_at=occurred_at or timezone.now(),
        object_type=ContentType.objects.get_for_model(target) if target is not None else None,
        object_id=str(target.pk) if target is not None else "",
        value=value,
    )


def record(
    *,
    course,
    kind: TouchpointKind,
    actor=None,
    subject=None,
    channel: Channel = Channel.SYSTEM,
    target: models.Model | None = None,
    occurred_at: datetime | None = None,
    value: int | None = None,
) -> Touchpoint:
    point = _touchpoint(
        course=course,
        kind=kind,
        actor=actor,
        subject=subject,
        channel=channel,
        target=target,
        occurred_at=occurred_at,
        value=value,
    )
    point.save(force_insert=True)
    return point


def record_many(moments: Iterable[Mapping]) -> list[Touchpoint]:
    """Record several moments in one insert; each mapping takes ``record``'s arguments.
    Every kind and channel is checked before anything is written. ``occurred_epoch`` is
    filled by its field on insert, as for ``record``."""
    now = timezone.now()
    points = [_touchpoint(**{"occurred_at": now, **moment}) for moment in moments]
    if not points:
        return []
    return Touchpoint.objects.bulk_create(points)


def forget(*, kind: TouchpointKind, targets) -> int:
    """Take back the ``kind`` moments recorded on ``targets`` (objects of one model) — for
    a moment recorded by mistake and undone (an attendance unticked); returns how many."""
    targets = list(targets)
    if not targets:
        return 0
    deleted, _ = Touchpoint.objects.filter(
        kind=kind,
        object_type=ContentType.objects.get_for_model(targets[0]),
        object_id__in=[str(target.pk) for target in targets],
    ).delete()
    return deleted


def recorded_by(*, kind: TouchpointKind, targets, actor_ids) -> set[tuple[str, int]]:
    """Which of ``actor_ids`` already have a ``kind`` moment on which of ``targets``
    (objects of one model), as (target id as text, actor id) — one query."""
    targets = list(targets)
    if not targets:
        return set()
    rows = Touchpoint.objects.filter(
        kind=kind,
        object_type=ContentType.objects.get_for_model(targets[0]),
        object_id__in=[str(target.pk) for target in targets],
        actor_id__in=set(actor_ids),
    ).values_list("object_id", "actor_id")
    return set(rows)


def latest_per_subject(*, course, kind: TouchpointKind) -> dict[int, datetime]:
    """When each person in the course was last the subject of ``kind`` — one query."""
    rows = (
        Touchpoint.objects.filter(course=course, kind=kind, subject__isnull=False)
        .values("subject_id")
        .annotate(latest=models.Max("occurred_at"))
    )
    return {row["subject_id"]: row["latest"] for row in rows}


def recent_for_subject(*, course, subject, limit: int = 10) -> list[Touchpoint]:
    return list(
        Touchpoint.objects.filter(course=course, subject=subject)
        .select_related("actor")
        .order_by("-occurred_at")[:limit]
    )
