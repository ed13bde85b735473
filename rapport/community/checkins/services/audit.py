"""The audit trail of staff reading learners' moods and reflections.

A page that shows many learners (the class overview, every answer to a prompt) writes one
row per learner in a single INSERT … SELECT, so the audit costs one query however big the
course is."""

from datetime import datetime

from django.db import connection, models
from django.db.models import F, Value
from django.db.models.functions import Cast
from django.utils import timezone

from rapport.community.models.checkins import ReflectionPrompt, SensitiveRead, SensitiveWhat
from rapport.courses.models import Course

_COLUMNS = ("course", "viewer", "learner", "what", "prompt", "viewed_at")


def sensitive_read_record(
    *,
    course: Course,
    viewer,
    learner,
    what: SensitiveWhat,
    prompt: ReflectionPrompt | None = None,
    now: datetime | None = None,
) -> SensitiveRead:
    return SensitiveRead.objects.create(
        course=course,
        viewer=viewer,
        learner=learner,
        what=what,
        prompt=prompt,
        viewed_at=now or timezone.now(),
    )


def sensitive_reads_record(
    *,
    course: Course,
    viewer,
    learner_ids: models.QuerySet,
    what: SensitiveWhat,
    prompt: ReflectionPrompt | None = None,
    now: datetime | None = None,
) -> int:
    """One row per learner id that ``learner_ids`` (a queryset with a ``learner_id``
    column) yields — in one statement."""
    if what not in SensitiveWhat.values:
        raise ValueError(f"Unknown audit kind {what!r}.")
    rows = (
        learner_ids.order_by()
        .annotate(
            # Cast: PostgreSQL would otherwise read a bare parameter (a NULL above all) as
            # text in a SELECT list and refuse to insert it into an integer column.
            _course=Cast(Value(course.pk), models.BigIntegerField()),
            _viewer=Cast(Value(viewer.pk), models.BigIntegerField()),
            _learner=F("learner_id"),
            _what=Cast(Value(str(what)), models.CharField(max_length=30)),
            _prompt=Cast(Value(prompt.pk if prompt else None), models.BigIntegerField()),
            _viewed_at=Value(now or timezone.now(), models.DateTimeField()),
        )
        .values_list("_course", "_viewer", "_learner", "_what", "_prompt", "_viewed_at")
    )
    select, params = rows.query.sql_with_params()
    quote = connection.ops.quote_name
    table = quote(SensitiveRead._meta.db_table)
    columns = ", ".join(quote(SensitiveRead._meta.get_field(name).column) for name in _COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({columns}) {select}", params)  # noqa: S608
        return cursor.rowcount
