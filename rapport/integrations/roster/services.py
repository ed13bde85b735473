"""Class list imports: upload (kept until imported), columns chosen, a dry-run preview, and
the import itself in the task queue — all through ``courses.services.roster.roster_apply``,
as ``JoinedVia.IMPORTED``."""

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.timezone import now

from rapport.core.progress import progress_forget, progress_report
from rapport.core.refusals import Refused
from rapport.courses.memberships import require_instructor
from rapport.courses.models import Course, JoinedVia
from rapport.courses.services.roster import RosterOutcome, RowError, roster_apply
from rapport.integrations.roster.mapping import (
    PREVIEW_ROWS,
    Mapping,
    ReadRow,
    auto_mapping,
    mapping_problem,
    read_people,
    read_rows,
)
from rapport.integrations.roster.models import ImportStatus, RosterImport
from rapport.integrations.roster.parsing import (
    MAX_UPLOAD_BYTES,
    RosterFileProblem,
    Table,
    read_roster,
)

IMPORTERS_ONLY = "Only the course's instructors can import class lists."
# An upload nobody imported is deleted after this long: it holds learners' details.
KEEP_UNUSED_UPLOADS = timedelta(days=1)


def roster_list_apply(
    *,
    course: Course,
    table: Table,
    mapping: Mapping,
    remove_missing: bool = False,
    dry_run: bool = False,
    actor=None,
    on_progress: Callable[[float], None] | None = None,
) -> RosterOutcome:
    """Apply the people ``table`` holds, read with ``mapping``; the rows the mapping cannot
    read join the service's own errors, in the file's order."""
    problem = mapping_problem(mapping, table.headers)
    if problem:
        raise Refused(problem, field="email")
    people, errors = read_people(table, mapping)
    outcome = roster_apply(
        course=course,
        people=people,
        source=JoinedVia.IMPORTED,
        remove_missing=remove_missing,
        dry_run=dry_run,
        actor=actor,
        on_progress=on_progress,
    )
    outcome.errors = sorted(errors + outcome.errors, key=lambda error: error.row or 0)
    return outcome


def roster_import_upload(*, course: Course, actor, upload) -> RosterImport:
    """Keep an uploaded class list, once it reads as one, with its columns guessed."""
    require_instructor(course=course, user=actor, refusal=IMPORTERS_ONLY)
    if upload.size > MAX_UPLOAD_BYTES:
        raise Refused(
            f"The file is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.", field="file"
        )
    data = upload.read()
    table = _read(data)
    roster_import = RosterImport(
        course=course,
        created_by=actor,
        file_name=(upload.name or "")[:200],
        format=table.format,
        mapping=auto_mapping(table.headers),
        class_id=table.class_id,
    )
    roster_import.file.save("upload", ContentFile(data), save=False)
    roster_import.save()
    return roster_import


def _read(data: bytes, class_id: str = "") -> Table:
    try:
        return read_roster(data, class_id=class_id)
    except RosterFileProblem as problem:
        raise Refused(problem.message, field="file") from problem


def roster_import_table(roster_import: RosterImport) -> Table:
    if not roster_import.file:
        raise Refused("This class list's file is gone: upload it again.")
    with roster_import.file.open("rb") as stored:
        return _read(stored.read(), roster_import.class_id)


@dataclass
class Preview:
    table: Table
    rows: list[ReadRow]  # the first few, as they will be read
    outcome: RosterOutcome | None  # None while the columns chosen cannot be read
    problem: str = ""


def roster_import_preview(*, roster_import: RosterImport, actor) -> Preview:
    """What importing would do — a dry run of the import — and the first rows as read."""
    table = roster_import_table(roster_import)
    rows = read_rows(table, roster_import.mapping)[:PREVIEW_ROWS]
    try:
        outcome = roster_list_apply(
            course=roster_import.course,
            table=table,
            mapping=roster_import.mapping,
            remove_missing=roster_import.remove_missing,
            dry_run=True,
            actor=actor,
        )
    except Refused as refusal:
        return Preview(table, rows, None, refusal.message)
    return Preview(table, rows, outcome)


@transaction.atomic
def roster_import_configure(
    *, roster_import: RosterImport, actor, mapping: Mapping, class_id: str, remove_missing: bool
) -> RosterImport:
    require_instructor(course=roster_import.course, user=actor, refusal=IMPORTERS_ONLY)
    _check_waiting(roster_import)
    roster_import.mapping = mapping
    roster_import.class_id = class_id
    roster_import.remove_missing = remove_missing
    roster_import.save(update_fields=["mapping", "class_id", "remove_missing"])
    return roster_import


def _check_waiting(roster_import: RosterImport) -> None:
    if roster_import.status != ImportStatus.UPLOADED:
        raise Refused("This class list has already been imported. Upload it again to re-import.")


@transaction.atomic
def roster_import_start(*, roster_import: RosterImport, actor) -> RosterImport:
    """Queue the import; the page follows its progress."""
    from rapport.integrations.roster.tasks import run_roster_import

    require_instructor(course=roster_import.course, user=actor, refusal=IMPORTERS_ONLY)
    roster_import = RosterImport.objects.select_for_update().get(pk=roster_import.pk)
    _check_waiting(roster_import)
    problem = mapping_problem(roster_import.mapping, roster_import_table(roster_import).headers)
    if problem:
        raise Refused(problem, field="email")
    roster_import.status, roster_import.progress = ImportStatus.RUNNING, 0
    roster_import.save(update_fields=["status", "progress"])
    transaction.on_commit(lambda: run_roster_import(roster_import.pk))
    return roster_import


@transaction.atomic
def roster_import_discard(*, roster_import: RosterImport, actor) -> RosterImport:
    """Delete an uploaded list without importing it (the file goes at once)."""
    require_instructor(course=roster_import.course, user=actor, refusal=IMPORTERS_ONLY)
    roster_import = RosterImport.objects.select_for_update().get(pk=roster_import.pk)
    _check_waiting(roster_import)
    _forget_file(roster_import, "Discarded without importing.")
    return roster_import


def _forget_file(roster_import: RosterImport, why: str) -> None:
    roster_import.file.delete(save=False)
    roster_import.status, roster_import.problem = ImportStatus.FAILED, why
    roster_import.save(update_fields=["file", "status", "problem"])


def progress_key(roster_import_id: int) -> str:
    return f"roster-import:{roster_import_id}"


def roster_import_run(*, roster_import: RosterImport) -> RosterImport:
    """The import itself (the task's body). Its progress goes to the cache as it runs —
    the membership writes are one transaction, which other connections cannot see into —
    and the file is deleted at the end, imported or not."""

    def report(done: float) -> None:
        progress_report(progress_key(roster_import.pk), done)

    try:
        outcome = roster_list_apply(
            course=roster_import.course,
            table=roster_import_table(roster_import),
            mapping=roster_import.mapping,
            remove_missing=roster_import.remove_missing,
            actor=roster_import.created_by,
            on_progress=report,
        )
    except Refused as refusal:
        roster_import.status, roster_import.problem = ImportStatus.FAILED, refusal.message
    except Exception:
        roster_import.status = ImportStatus.FAILED
        roster_import.problem = "Something went wrong and nothing was imported. Please try again."
        _finish(roster_import)
        raise
    else:
        roster_import.status, roster_import.progress = ImportStatus.DONE, 100
        roster_import.outcome = outcome_as_dict(outcome)
    _finish(roster_import)
    return roster_import


def _finish(roster_import: RosterImport) -> None:
    roster_import.file.delete(save=False)
    roster_import.finished_at = now()
    roster_import.save(
        update_fields=["status", "progress", "outcome", "problem", "file", "finished_at"]
    )
    progress_forget(progress_key(roster_import.pk))


def outcome_as_dict(outcome: RosterOutcome) -> dict:
    saved = asdict(outcome)
    saved["errors"] = [[error.row, error.field, error.message] for error in outcome.errors]
    return saved


def outcome_from_dict(saved: dict) -> RosterOutcome:
    errors = [RowError(*error) for error in saved.get("errors", [])]
    return RosterOutcome(**{**saved, "errors": errors})


def unused_uploads_delete() -> int:
    """Delete the files of class lists uploaded but never imported; returns how many."""
    stale = RosterImport.objects.filter(
        status=ImportStatus.UPLOADED, created_at__lt=now() - KEEP_UNUSED_UPLOADS
    ).exclude(file="")
    count = 0
    for roster_import in stale:
        _forget_file(roster_import, "Never imported: the file was deleted after a day.")
        count += 1
    return count
