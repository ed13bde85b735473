"""Which column holds what: guessed for each format, changed by hand, and the rows read
that way (names, roles, per-row problems)."""

from rapport.core.enums import Role
from rapport.integrations.roster.mapping import (
    auto_mapping,
    mapping_problem,
    read_people,
    read_rows,
    role_from,
)
from rapport.integrations.roster.parsing import read_roster
from rapport.integrations.roster.testing import class_of, csv_bytes, oneroster_zip
from rapport.integrations.roster.tests.test_parsing import CANVAS_CSV, MOODLE_CSV


def test_the_columns_of_rapports_csv_are_found():
    mapping = auto_mapping(["Email", "Name", "Role"])
    assert mapping == {
        "email": 0,
        "full_name": 1,
        "first_name": None,
        "last_name": None,
        "role": 2,
        "external_id": None,
    }


def test_canvas_columns_and_its_last_first_names():
    table = read_roster(csv_bytes(CANVAS_CSV))
    mapping = auto_mapping(table.headers)
    assert (mapping["email"], mapping["full_name"], mapping["external_id"]) == (3, 0, 2)
    row = read_rows(table, mapping)[0]
    assert (row.email, row.full_name, row.external_id) == ("sam@school.test", "Sam Lee", "S-1")


def test_moodle_first_and_last_names_and_roles():
    table = read_roster(csv_bytes(MOODLE_CSV))
    people, errors = read_people(table, auto_mapping(table.headers))
    assert errors == []
    assert [(p.email, p.full_name, p.role) for p in people] == [
        ("sam@school.test", "Sam Lee", Role.LEARNER),
        ("ada@school.test", "Ada Okafor", Role.INSTRUCTOR),
    ]


def test_oneroster_columns_are_found():
    table = read_roster(oneroster_zip(**class_of(1)))
    people, _ = read_people(table, auto_mapping(table.headers))
    assert (people[0].email, people[0].full_name, people[0].row) == (
        "pupil0@school.test",
        "Pupil0 Example",
        2,
    )


def test_a_mapping_changed_by_hand_is_what_is_read():
    table = read_roster(
        csv_bytes([["Work mail", "Home mail", "Who"], ["w@x.test", "h@x.test", "A"]])
    )
    mapping = auto_mapping(table.headers)
    assert mapping["email"] is None
    assert "choose which column holds them" in mapping_problem(mapping, table.headers)
    mapping |= {"email": 1, "full_name": 2}
    assert mapping_problem(mapping, table.headers) == ""
    assert read_rows(table, mapping)[0].email == "h@x.test"
    assert (
        mapping_problem({"email": 7}, table.headers) == "The columns chosen are not in this file."
    )


def test_roles_from_every_tool():
    assert role_from("") == Role.LEARNER
    assert role_from("Student") == Role.LEARNER
    assert role_from("Non-editing teacher") == Role.TA
    assert role_from("aide") == Role.TA
    assert role_from("Teacher, Student") == Role.INSTRUCTOR
    assert role_from("TeacherEnrollment") == Role.INSTRUCTOR
    assert role_from("guardian") is None


def test_a_role_rapport_does_not_import_is_a_row_problem_for_the_service():
    table = read_roster(csv_bytes([["email", "role"], ["a@x.test", "Guardian"], ["b@x.test", ""]]))
    people, errors = read_people(table, auto_mapping(table.headers))
    assert errors == [] and [p.problem for p in people][1] is None
    field, message = people[0].problem
    assert field == "role" and message.startswith("'Guardian' is not a role Rapport imports")
