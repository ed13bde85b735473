"""``manage.py import_roster FILE --course SLUG``: import a class list in the terminal, as
the import page does, with a progress bar; prints what changed and each row not imported.
A file that cannot be read exits non-zero with the reason, and nothing changes."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rapport.core.management.progress import ProgressBar
from rapport.core.refusals import Refused
from rapport.courses.models import Course
from rapport.integrations.roster.mapping import auto_mapping
from rapport.integrations.roster.parsing import MAX_UPLOAD_BYTES, RosterFileProblem, read_roster
from rapport.integrations.roster.services import roster_list_apply

COUNTS = [
    ("created_users", "new to Rapport"),
    ("added", "added"),
    ("reactivated", "brought back"),
    ("role_changed", "role changed"),
    ("removed", "removed"),
    ("unchanged", "unchanged"),
]


class Command(BaseCommand):
    help = "Import a class list (CSV, Canvas, Moodle or OneRoster zip) into a course."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the class list: a CSV file or a OneRoster 1.1 zip")
        parser.add_argument("--course", required=True, help="the course's slug")
        parser.add_argument("--dry-run", action="store_true", help="show what would change")
        parser.add_argument(
            "--remove-missing",
            action="store_true",
            help="remove people an earlier import added who are not in this list",
        )
        parser.add_argument(
            "--class", dest="class_id", default="", help="the OneRoster class's sourcedId"
        )

    def handle(self, *args, file: str, course: str, dry_run: bool, **options):
        found = Course.objects.filter(slug=course).first()
        if found is None:
            raise CommandError(f"No course with the slug {course!r}.")
        table = self._read(Path(file), options["class_id"])
        self.stdout.write(f"{table.format_name}: {len(table.rows)} rows.")
        try:
            outcome = roster_list_apply(
                course=found,
                table=table,
                mapping=auto_mapping(table.headers),
                remove_missing=options["remove_missing"],
                dry_run=dry_run,
                on_progress=ProgressBar(self.stdout, "Importing"),
            )
        except Refused as refusal:
            raise CommandError(refusal.message) from refusal
        self.stdout.write(("Would change (dry run): " if dry_run else "") + ", ".join(
            f"{getattr(outcome, key)} {label}" for key, label in COUNTS
        ))  # fmt: skip
        for error in outcome.errors:
            self.stdout.write(str(error))
        if outcome.errors:
            self.stdout.write(f"{len(outcome.errors)} row(s) not imported.")

    def _read(self, path: Path, class_id: str):
        try:
            if path.stat().st_size > MAX_UPLOAD_BYTES:
                raise CommandError(f"{path} is larger than {MAX_UPLOAD_BYTES // 1024 // 1024} MB.")
            table = read_roster(path.read_bytes(), class_id=class_id)
        except OSError as problem:
            raise CommandError(f"Cannot read {path}: {problem.strerror}.") from problem
        except RosterFileProblem as problem:
            raise CommandError(problem.message) from problem
        if len(table.classes) > 1 and not class_id:
            raise CommandError(
                "The zip has several classes: choose one with --class. "
                + ", ".join(f"{sid} ({title})" for sid, title in table.classes)
            )
        return table
