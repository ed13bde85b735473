"""Reading a class list file into a table of text cells, whatever tool exported it: a CSV
(Rapport's own, Canvas's gradebook or SIS export, Moodle's participants) or a OneRoster 1.1
CSV zip. Nothing here touches the database; a file that cannot be read raises
``RosterFileProblem`` with a message for the person who uploaded it."""

import csv
import io
import zipfile
from dataclasses import dataclass, field

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# What a OneRoster zip may hold once unpacked, all its files together: far above any real
# class, far below what a zip bomb would fill memory with.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_ROWS = 50_000
MAX_LISTED_ZIP_FILES = 50

RAPPORT, CANVAS, MOODLE, ONEROSTER, OTHER = "rapport", "canvas", "moodle", "oneroster", "csv"
FORMAT_NAMES = {
    RAPPORT: "Rapport class list (email, name, role)",
    CANVAS: "Canvas gradebook or SIS export",
    MOODLE: "Moodle participants export",
    ONEROSTER: "OneRoster 1.1 CSV zip",
    OTHER: "CSV file",
}
SAVE_AS_CSV = "In your spreadsheet, choose Save As → “CSV UTF-8” and upload that file."


class RosterFileProblem(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Cells:
    number: int  # the row's line in its file, as a spreadsheet numbers it
    values: list[str]
    problem: str = ""  # why this row cannot be used, found while reading (OneRoster)


@dataclass
class Table:
    format: str
    headers: list[str]
    rows: list[Cells]
    classes: list[tuple[str, str]] = field(default_factory=list)  # OneRoster: (id, title)
    class_id: str = ""

    @property
    def format_name(self) -> str:
        return FORMAT_NAMES[self.format]


def read_roster(data: bytes, *, class_id: str = "") -> Table:
    """The table in ``data``: a OneRoster zip's enrolments in ``class_id`` (its only class
    when it has one), else the CSV's rows."""
    if not data.strip():
        raise RosterFileProblem("The file is empty.")
    if len(data) > MAX_UPLOAD_BYTES:
        raise RosterFileProblem(f"The file is larger than {_megabytes(MAX_UPLOAD_BYTES)}.")
    if data.startswith(b"PK\x03\x04"):
        return _read_oneroster(data, class_id)
    headers, rows = _read_csv(decode(data))
    table = Table(format=_detect(headers), headers=headers, rows=rows)
    if table.format == CANVAS:
        table.rows = [row for row in rows if not _canvas_extra_row(row.values)]
    return table


def _megabytes(size: int) -> str:
    return f"{size // (1024 * 1024)} MB"


def decode(data: bytes, name: str = "The file") -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise RosterFileProblem(f"{name} is saved as UTF-16, not UTF-8. {SAVE_AS_CSV}")
    if b"\x00" in data[:8192]:
        raise RosterFileProblem(
            f"{name} is not a text file (is it an Excel workbook?). {SAVE_AS_CSV}"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        raise RosterFileProblem(
            f"{name} is not UTF-8 text (byte {problem.start + 1} is not). {SAVE_AS_CSV}"
        ) from problem


def _read_csv(text: str, name: str = "The file") -> tuple[list[str], list[Cells]]:
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[Cells] = []
    headers: list[str] | None = None
    try:
        for values in reader:
            if not any(value.strip() for value in values):
                continue
            if headers is None:
                headers = [value.strip() for value in values]
                continue
            if len(rows) >= MAX_ROWS:
                raise RosterFileProblem(f"{name} has more than {MAX_ROWS:,} rows.")
            rows.append(Cells(reader.line_num, [value.strip() for value in values]))
    except csv.Error as problem:
        raise RosterFileProblem(
            f"{name} is not a CSV file Rapport can read (line {reader.line_num}: {problem})."
        ) from problem
    if not headers:
        raise RosterFileProblem(f"{name} is empty.")
    return headers, rows


def normalize(header: str) -> str:
    return " ".join(header.lower().replace("_", " ").replace("*", " ").split())


def _detect(headers: list[str]) -> str:
    names = {normalize(header) for header in headers}
    if "student" in names and names & {"sis login id", "sis user id", "section"}:
        return CANVAS
    if "email address" in names and names & {"first name", "last name", "surname"}:
        return MOODLE
    if "email" in names and names & {"name", "role"}:
        return RAPPORT
    return OTHER


def _canvas_extra_row(values: list[str]) -> bool:
    """Canvas's gradebook puts "Points Possible" (and, lately, "Manual Posting") rows under
    the headers, and its own "Test Student" among the learners."""
    cells = " ".join(values).lower()
    first = values[0].strip().lower() if values else ""
    return "points possible" in cells or "manual posting" in cells or first == "student, test"


# --- OneRoster 1.1 (CSV binding) -----------------------------------------------------------

ONEROSTER_HEADERS = ["sourcedId", "givenName", "familyName", "email", "username", "role"]


def _read_oneroster(data: bytes, class_id: str) -> Table:
    files = _unpack(data)
    if "users.csv" not in files:
        raise RosterFileProblem(
            "The zip has no users.csv. A OneRoster 1.1 export holds manifest.csv, users.csv, "
            "classes.csv and enrollments.csv."
        )
    if "enrollments.csv" not in files:
        raise RosterFileProblem("The zip has no enrollments.csv, so nobody is in a class.")
    users = _records(files, "users.csv", key="sourcedid")
    classes = [
        (record["sourcedid"], record.get("title") or record["sourcedid"])
        for record in _records(files, "classes.csv", key="sourcedid").values()
    ]
    enrolments = _enrolment_rows(files)
    if not classes:
        # No classes.csv: the classes are those the enrolments name.
        classes = [(c, c) for c in dict.fromkeys(row["classsourcedid"] for _, row in enrolments)]
    known = {sourced_id for sourced_id, _ in classes}
    if not classes:
        raise RosterFileProblem("The zip's enrollments.csv enrols nobody in any class.")
    if class_id and class_id not in known:
        raise RosterFileProblem(f"The zip has no class {class_id!r}. {_class_list(classes)}")
    chosen = class_id or classes[0][0]
    rows = []
    for number, enrolment in enrolments:
        if enrolment["classsourcedid"] != chosen:
            continue
        user = users.get(enrolment.get("usersourcedid", ""))
        if user is None:
            rows.append(Cells(number, ["", "", "", "", "", ""], _no_user(enrolment)))
            continue
        values = [user.get(key, "") for key in ("sourcedid", "givenname", "familyname")]
        values += [user.get("email", ""), user.get("username", ""), enrolment.get("role", "")]
        rows.append(Cells(number, values))
    return Table(ONEROSTER, list(ONEROSTER_HEADERS), rows, classes=classes, class_id=chosen)


def _no_user(enrolment: dict) -> str:
    return f"enrols '{enrolment.get('usersourcedid', '')}', who is not in users.csv."


def _class_list(classes: list[tuple[str, str]]) -> str:
    return "Its classes: " + ", ".join(f"{sid} ({title})" for sid, title in classes) + "."


def _unpack(data: bytes) -> dict[str, bytes]:
    """The zip's CSV files by lower-case name (folders ignored), each read no further than
    the size limit allows, whatever the zip claims its sizes are."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError) as problem:
        raise RosterFileProblem("This zip file is damaged and cannot be opened.") from problem
    if any(info.filename in ("[Content_Types].xml", "xl/workbook.xml") for info in members):
        raise RosterFileProblem(f"This is an Excel workbook, not a CSV file. {SAVE_AS_CSV}")
    if len(members) > MAX_LISTED_ZIP_FILES:
        raise RosterFileProblem(f"The zip holds more than {MAX_LISTED_ZIP_FILES} files.")
    too_big = RosterFileProblem(
        f"Unpacked, the zip would be larger than {_megabytes(MAX_UNPACKED_BYTES)}; "
        "Rapport does not open it."
    )
    if sum(info.file_size for info in members) > MAX_UNPACKED_BYTES:
        raise too_big
    files, budget = {}, MAX_UNPACKED_BYTES
    for info in members:
        name = info.filename.rsplit("/", 1)[-1].lower()
        if not name.endswith(".csv"):
            continue
        try:
            with archive.open(info) as member:
                content = member.read(budget + 1)
        except (
            zipfile.BadZipFile,
            RuntimeError,
            OSError,
            EOFError,
            NotImplementedError,
        ) as problem:
            raise RosterFileProblem(f"{name} in the zip cannot be read.") from problem
        budget -= len(content)
        if budget < 0:
            raise too_big
        files[name] = content
    return files


def _records(files: dict[str, bytes], name: str, *, key: str) -> dict[str, dict]:
    if name not in files:
        return {}
    headers, rows = _read_csv(decode(files[name], name), name)
    keys = [normalize(header).replace(" ", "") for header in headers]
    if key not in keys:
        raise RosterFileProblem(f"{name} has no {key} column.")
    records = (dict(zip(keys, row.values, strict=False)) for row in rows)
    return {record[key]: record for record in records if record.get(key)}


def _enrolment_rows(files: dict[str, bytes]) -> list[tuple[int, dict]]:
    name = "enrollments.csv"
    headers, rows = _read_csv(decode(files[name], name), name)
    keys = [normalize(header).replace(" ", "") for header in headers]
    missing = {"classsourcedid", "usersourcedid"} - set(keys)
    if missing:
        raise RosterFileProblem(f"{name} has no {' or '.join(sorted(missing))} column.")
    enrolments = []
    for row in rows:
        record = dict(zip(keys, row.values, strict=False))
        if record.get("status", "").lower() in ("tobedeleted", "inactive"):
            continue  # a OneRoster delta's way of saying "no longer enrolled"
        enrolments.append((row.number, record))
    return enrolments
