"""Class list files for tests and the benchmark: CSVs and OneRoster zips made in memory."""

import csv
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from rapport.integrations.roster.models import RosterImport
from rapport.integrations.roster.services import roster_import_upload


def csv_bytes(rows: list[list[str]], *, bom: bool = False, delimiter: str = ",") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return ("\ufeff" if bom else "").encode() + out.getvalue().encode()


def oneroster_zip(
    *,
    classes: dict[str, str] | None = None,
    users: list[dict] | None = None,
    enrollments: list[tuple[str, str, str]] | None = None,  # (class, user, role)
    leave_out: tuple[str, ...] = (),
) -> bytes:
    """A OneRoster 1.1 CSV zip. ``users`` are dicts of sourcedId, givenName, familyName,
    email; ``leave_out`` names files to leave out of it."""
    classes = classes if classes is not None else {"class-1": "Biology 7A"}
    users = users or []
    enrollments = enrollments or []
    files = {
        "manifest.csv": [["propertyName", "value"], ["manifest.version", "1.0"],
                         ["oneroster.version", "1.1"], ["file.users", "bulk"]],
        "classes.csv": [["sourcedId", "status", "dateLastModified", "title", "courseSourcedId"]]
        + [[sid, "", "", title, "course-1"] for sid, title in classes.items()],
        "users.csv": [["sourcedId", "status", "dateLastModified", "enabledUser", "orgSourcedIds",
                       "role", "username", "givenName", "familyName", "email"]]
        + [[u["sourcedId"], "", "", "true", "school-1", u.get("role", "student"),
            u.get("username", ""), u.get("givenName", ""), u.get("familyName", ""),
            u.get("email", "")] for u in users],
        "enrollments.csv": [["sourcedId", "status", "dateLastModified", "classSourcedId",
                             "schoolSourcedId", "userSourcedId", "role"]]
        + [[f"e-{n}", "", "", cls, "school-1", user, role]
           for n, (cls, user, role) in enumerate(enrollments)],
    }  # fmt: skip
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in files.items():
            if name not in leave_out:
                archive.writestr(name, csv_bytes(rows))
    return out.getvalue()


def class_of(count: int, *, class_id: str = "class-1", start: int = 0) -> dict:
    """``oneroster_zip`` arguments for ``count`` learners enrolled in one class."""
    users = [
        {"sourcedId": f"u{n}", "givenName": f"Pupil{n}", "familyName": "Example",
         "email": f"pupil{n}@school.test"}
        for n in range(start, start + count)
    ]  # fmt: skip
    enrollments = [(class_id, user["sourcedId"], "student") for user in users]
    return {"users": users, "enrollments": enrollments}


def upload(data: bytes, name: str = "class.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/csv")


def roster_import_make(course, actor, data: bytes | None = None) -> RosterImport:
    data = data or csv_bytes([["email", "name", "role"], ["sam@school.test", "Sam Lee", ""]])
    return roster_import_upload(course=course, actor=actor, upload=upload(data))
