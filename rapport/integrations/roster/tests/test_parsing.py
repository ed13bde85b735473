"""Reading class list files: each format, detected by its headers (or as a zip), and every
kind of file Rapport refuses, each with a message that says why."""

import io
import zipfile

import pytest

from rapport.integrations.roster import parsing
from rapport.integrations.roster.parsing import RosterFileProblem, read_roster
from rapport.integrations.roster.testing import class_of, csv_bytes, oneroster_zip

RAPPORT_CSV = [["email", "name", "role"], ["sam@school.test", "Sam Lee", "learner"]]
CANVAS_CSV = [
    ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Quiz 1 (12)"],
    ["    Points Possible", "", "", "", "", "10"],
    ["Lee, Sam", "101", "S-1", "sam@school.test", "Biology 7A", "8"],
    ["Student, Test", "102", "", "", "Biology 7A", ""],
]
MOODLE_CSV = [
    ["First name", "Surname", "Email address", "Roles", "Groups"],
    ["Sam", "Lee", "sam@school.test", "Student", ""],
    ["Ada", "Okafor", "ada@school.test", "Teacher", ""],
]


def problem_of(data: bytes, **options) -> str:
    with pytest.raises(RosterFileProblem) as raised:
        read_roster(data, **options)
    return raised.value.message


def test_rapports_own_csv():
    table = read_roster(csv_bytes(RAPPORT_CSV))
    assert table.format == parsing.RAPPORT
    assert table.headers == ["email", "name", "role"]
    assert [(row.number, row.values) for row in table.rows] == [
        (2, ["sam@school.test", "Sam Lee", "learner"])
    ]


def test_a_canvas_gradebook_skips_points_possible_and_the_test_student():
    table = read_roster(csv_bytes(CANVAS_CSV))
    assert table.format == parsing.CANVAS
    assert [row.values[0] for row in table.rows] == ["Lee, Sam"]
    assert table.rows[0].number == 3


def test_a_canvas_sis_export_is_recognised():
    rows = [
        ["Student", "SIS User ID", "SIS Login ID", "Section"],
        ["Lee, Sam", "S-1", "a@b.c", "A"],
    ]
    assert read_roster(csv_bytes(rows)).format == parsing.CANVAS


def test_a_moodle_participants_export():
    table = read_roster(csv_bytes(MOODLE_CSV))
    assert table.format == parsing.MOODLE and len(table.rows) == 2


def test_semicolons_and_tabs_separate_columns_too():
    table = read_roster(csv_bytes(RAPPORT_CSV, delimiter=";"))
    assert table.rows[0].values == ["sam@school.test", "Sam Lee", "learner"]
    assert read_roster(csv_bytes(RAPPORT_CSV, delimiter="\t")).headers[1] == "name"


def test_a_byte_order_mark_is_read_past():
    table = read_roster(csv_bytes(RAPPORT_CSV, bom=True))
    assert table.headers[0] == "email" and table.format == parsing.RAPPORT


def test_blank_rows_are_skipped_and_rows_keep_their_line_numbers():
    table = read_roster(b"email,name\r\n\r\na@b.test,A\r\n,\r\nc@d.test,C\r\n")
    assert [row.number for row in table.rows] == [3, 5]


def test_a_oneroster_zip_reads_the_enrolments_of_its_class():
    data = oneroster_zip(**class_of(2))
    table = read_roster(data)
    assert table.format == parsing.ONEROSTER
    assert table.classes == [("class-1", "Biology 7A")] and table.class_id == "class-1"
    assert table.rows[0].values == ["u0", "Pupil0", "Example", "pupil0@school.test", "", "student"]


def test_a_oneroster_zip_with_several_classes_reads_the_one_chosen():
    first, second = class_of(2), class_of(3, class_id="class-2", start=10)
    data = oneroster_zip(
        classes={"class-1": "Biology 7A", "class-2": "Biology 7B"},
        users=first["users"] + second["users"],
        enrollments=first["enrollments"] + second["enrollments"],
    )
    assert len(read_roster(data).rows) == 2  # the first class until one is chosen
    table = read_roster(data, class_id="class-2")
    assert [row.values[0] for row in table.rows] == ["u10", "u11", "u12"]
    assert "no class 'class-9'" in problem_of(data, class_id="class-9")


def test_a_oneroster_enrolment_of_someone_not_in_users_is_a_row_problem():
    data = oneroster_zip(**class_of(1) | {"enrollments": [("class-1", "ghost", "student")]})
    assert "'ghost', who is not in users.csv" in read_roster(data).rows[0].problem


def test_dropped_oneroster_enrolments_are_left_out():
    data = oneroster_zip(**class_of(1))
    files = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            files[name] = archive.read(name)
    files["enrollments.csv"] += b"e-9,tobedeleted,,class-1,school-1,u0,student\r\n"
    assert len(read_roster(_zip(files)).rows) == 1


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def test_an_empty_file_is_refused():
    assert problem_of(b"") == "The file is empty."
    assert problem_of(b"\r\n \r\n") == "The file is empty."


def test_a_binary_file_is_refused():
    assert "not a text file" in problem_of(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR")


def test_other_encodings_are_refused_with_how_to_save_as_utf8():
    assert "not UTF-8" in problem_of("email,name\nzoë@school.test,Zoë\n".encode("latin-1"))
    assert "UTF-16" in problem_of("email,name\n".encode("utf-16"))
    assert "CSV UTF-8" in problem_of("email,name\n".encode("cp1252") + b"\x9d")


def test_malformed_csv_is_refused_with_its_line():
    message = problem_of(b'email,name\r\nsam@school.test,"Sam\r\n')
    assert message.startswith("The file is not a CSV file Rapport can read (line")


def test_a_file_over_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setattr(parsing, "MAX_UPLOAD_BYTES", 100)
    assert problem_of(csv_bytes(RAPPORT_CSV * 10)) == "The file is larger than 0 MB."


def test_too_many_rows_are_refused(monkeypatch):
    monkeypatch.setattr(parsing, "MAX_ROWS", 2)
    assert "more than 2 rows" in problem_of(csv_bytes(RAPPORT_CSV + RAPPORT_CSV[1:] * 3))


def test_a_zip_without_users_csv_is_refused():
    data = oneroster_zip(**class_of(1), leave_out=("users.csv",))
    assert problem_of(data).startswith("The zip has no users.csv.")


def test_an_excel_workbook_is_refused_with_how_to_save_as_csv():
    workbook = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
    assert problem_of(workbook).startswith("This is an Excel workbook, not a CSV file.")


def test_a_damaged_zip_is_refused():
    assert "damaged" in problem_of(b"PK\x03\x04 this is not really a zip")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(monkeypatch):
    monkeypatch.setattr(parsing, "MAX_UNPACKED_BYTES", 10_000)
    bomb = _zip({"users.csv": b"sourcedId\r\n" + b"a" * 1_000_000, "enrollments.csv": b""})
    assert len(bomb) < 10_000
    assert "larger than" in problem_of(bomb) and "does not open it" in problem_of(bomb)


def test_a_zip_lying_about_its_sizes_is_stopped_while_reading(monkeypatch):
    monkeypatch.setattr(parsing, "MAX_UNPACKED_BYTES", 10_000)
    bomb = bytearray(_zip({"users.csv": b"a" * 1_000_000}))
    # Claim a tiny uncompressed size in the central directory; the reader must not trust it.
    at = bomb.rfind(b"PK\x01\x02")
    bomb[at + 24 : at + 28] = (10).to_bytes(4, "little")
    assert "does not open it" in problem_of(bytes(bomb)) or "cannot be read" in problem_of(
        bytes(bomb)
    )
