"""The one audit log of staff reading learners' private things (``SensitiveRead``).

A member of a course's staff who sees another person's mood, reflections, help requests,
card, notes, named survey answers or personal messages — on a page or through the API —
leaves a row per person seen. A page that shows many learners writes them all in a single
INSERT … SELECT, so the audit costs one query however big the course is. Nothing is
written when someone reads their own things, nor for a learner (who sees only their own).
"""

from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db import connection, models, transaction
from django.db.models import F, Value
from django.db.models.functions import Cast
from django.utils import timezone

from rapport.core.kinds import SensitiveReadKind
from rapport.core.models import SensitiveRead

AUDIT_PER_PAGE = 50
PAGE_MAX_CHARS = SensitiveRead._meta.get_field("page").max_length
ABOUT_MAX_CHARS = SensitiveRead._meta.get_field("about").max_length
_KINDS = frozenset(SensitiveReadKind.values)
_COLUMNS = ("course", "viewer", "learner", "kind", "page", "about", "viewed_at")


def _checked(kind: str) -> str:
    if kind not in _KINDS:
        raise ValueError(f"Unknown audit kind {kind!r}; add it to core.kinds first.")
    return str(kind)


def sensitive_reads_record(
    *,
    course,
    viewer,
    learners: models.QuerySet | Iterable[int],
    kind: SensitiveReadKind,
    page: str = "",
    about: str = "",
    now: datetime | None = None,
) -> int:
    """One row for each person in ``learners`` (ids, or a queryset of one id column) other
    than ``viewer`` — in one statement. Returns how many rows were written."""
    kind = _checked(kind)
    if not isinstance(learners, models.QuerySet):
        learners = [pk for pk in learners if pk is not None]
        if not learners:
            return 0
    people = get_user_model().objects.filter(pk__in=learners).exclude(pk=viewer.pk)
    rows = people.order_by().annotate(
        # Cast: PostgreSQL would otherwise read a bare parameter as text in a SELECT list
        # and refuse to insert it into an integer column.
        _course=Cast(Value(course.pk), models.BigIntegerField()),
        _viewer=Cast(Value(viewer.pk), models.BigIntegerField()),
        _learner=F("pk"),
        _kind=Cast(Value(kind), models.CharField(max_length=30)),
        _page=Cast(Value(page[:PAGE_MAX_CHARS]), models.CharField(max_length=PAGE_MAX_CHARS)),
        _about=Cast(Value(about[:ABOUT_MAX_CHARS]), models.CharField(max_length=ABOUT_MAX_CHARS)),
        _viewed_at=Value(now or timezone.now(), models.DateTimeField()),
    )
    select, params = rows.values_list(*(f"_{name}" for name in _COLUMNS)).query.sql_with_params()
    quote = connection.ops.quote_name
    table = quote(SensitiveRead._meta.db_table)
    columns = ", ".join(quote(SensitiveRead._meta.get_field(name).column) for name in _COLUMNS)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({columns}) {select}", params)  # noqa: S608
        return cursor.rowcount


def sensitive_read_record(
    *,
    course,
    viewer,
    learner,
    kind: SensitiveReadKind,
    page: str = "",
    about: str = "",
    now: datetime | None = None,
) -> SensitiveRead | None:
    """One row: ``viewer`` saw ``learner``'s things. Nothing when they are the same person."""
    kind = _checked(kind)
    if learner.pk == viewer.pk:
        return None
    return SensitiveRead.objects.create(
        course=course,
        viewer=viewer,
        learner=learner,
        kind=kind,
        page=page[:PAGE_MAX_CHARS],
        about=about[:ABOUT_MAX_CHARS],
        viewed_at=now or timezone.now(),
    )


def staff_read_record(
    request,
    *,
    kind: SensitiveReadKind,
    learner=None,
    learners: models.QuerySet | Iterable[int] | None = None,
    about: str = "",
    membership=None,
) -> int:
    """The one call a course page makes after showing private things: ``learner`` (one
    person) or ``learners`` (many). Written only when the viewer is on the course's staff —
    ``membership`` is theirs (``course_access`` sets it on the request; an API call passes
    the token's). Returns the rows written."""
    membership = membership or getattr(request, "membership", None)
    if membership is None or not membership.is_staff:
        return 0
    common = {
        "course": membership.course,
        "viewer": membership.user,
        "kind": kind,
        "page": request.get_full_path(),
        "about": about,
    }
    if learner is not None:
        return 1 if sensitive_read_record(learner=learner, **common) else 0
    return sensitive_reads_record(learners=learners if learners is not None else [], **common)


def sensitive_reads_page(
    *, course, learner_id: int | None = None, kind: str = "", page_number=1
) -> Page:
    """One page of the course's audit log, newest first, filtered by learner and kind."""
    reads = SensitiveRead.objects.filter(course=course).select_related("viewer", "learner")
    if learner_id is not None:
        reads = reads.filter(learner_id=learner_id)
    if kind:
        reads = reads.filter(kind=kind)
    page = Paginator(reads, AUDIT_PER_PAGE).get_page(page_number)
    page.object_list = list(page.object_list)
    return page
