"""Which column of a class list holds what Rapport needs, guessed from the headers (and
changed by the person importing), and the rows read that way as ``RosterPerson``s."""

from dataclasses import dataclass

from rapport.core.enums import Role
from rapport.courses.services.roster import RosterPerson, RowError
from rapport.integrations.roster.parsing import CANVAS, Table, normalize

# Rapport's fields, in the order the mapping form shows them.
FIELDS = {
    "email": "Email",
    "full_name": "Full name",
    "first_name": "First name",
    "last_name": "Last name",
    "role": "Role",
    "external_id": "External id",
}
# Header names each field is recognised by, best first (compared after ``normalize``).
SYNONYMS = {
    "email": ["email", "email address", "e-mail", "e-mail address", "mail", "sis login id",
              "login id", "username"],
    "full_name": ["name", "full name", "student", "student name", "display name",
                  "sortable name"],
    "first_name": ["first name", "firstname", "givenname", "given name", "preferred name"],
    "last_name": ["last name", "surname", "lastname", "familyname", "family name"],
    "role": ["role", "roles", "course role", "course roles", "type"],
    "external_id": ["sis user id", "sourcedid", "id number", "student id", "user id", "id",
                    "identifier", "sis id"],
}  # fmt: skip
# Role names from Rapport, Moodle, Canvas and OneRoster (lower case).
ROLE_NAMES = {
    "learner": Role.LEARNER,
    "student": Role.LEARNER,
    "pupil": Role.LEARNER,
    "studentenrollment": Role.LEARNER,
    "ta": Role.TA,
    "teaching assistant": Role.TA,
    "teacher assistant": Role.TA,
    "non-editing teacher": Role.TA,
    "aide": Role.TA,
    "taenrollment": Role.TA,
    "instructor": Role.INSTRUCTOR,
    "teacher": Role.INSTRUCTOR,
    "editing teacher": Role.INSTRUCTOR,
    "teacherenrollment": Role.INSTRUCTOR,
}
_RANK = {Role.LEARNER: 0, Role.TA: 1, Role.INSTRUCTOR: 2}
PREVIEW_ROWS = 10

Mapping = dict[str, int | None]  # Rapport field -> column index


def auto_mapping(headers: list[str]) -> Mapping:
    names = [normalize(header) for header in headers]
    mapping: Mapping = dict.fromkeys(FIELDS)
    taken: set[int] = set()
    for field_name, synonyms in SYNONYMS.items():
        for synonym in synonyms:
            if synonym in names and names.index(synonym) not in taken:
                mapping[field_name] = names.index(synonym)
                taken.add(mapping[field_name])
                break
    return mapping


def mapping_problem(mapping: Mapping, headers: list[str]) -> str:
    """Why nobody can be read with ``mapping``, or ""."""
    if any(index is not None and not 0 <= index < len(headers) for index in mapping.values()):
        return "The columns chosen are not in this file."
    if mapping.get("email") is None:
        return (
            "Rapport needs an email address for each person: choose which column holds "
            "them (the file has no column called Email, Email address or SIS Login ID)."
        )
    return ""


@dataclass(frozen=True)
class ReadRow:
    """A row as it will be read, for the preview."""

    number: int
    email: str
    full_name: str
    role: str
    external_id: str


def read_people(table: Table, mapping: Mapping) -> tuple[list[RosterPerson], list[RowError]]:
    """The rows as people, and the rows that name nobody (a OneRoster enrolment of someone
    missing from users.csv)."""
    people, errors = [], []
    for cells, row in zip(table.rows, read_rows(table, mapping), strict=True):
        if cells.problem:
            errors.append(RowError(row.number, "user", cells.problem))
            continue
        role = role_from(row.role)
        # A role Rapport has no place for is the service's to report, so that the person is
        # still on the list (not removed as missing from it).
        problem = None if role else ("role", _unknown_role(row.role))
        people.append(
            RosterPerson(
                row.email, row.full_name, role or Role.LEARNER, row=row.number, problem=problem
            )
        )
    return people, errors


def read_rows(table: Table, mapping: Mapping) -> list[ReadRow]:
    def cell(values: list[str], field_name: str) -> str:
        index = mapping.get(field_name)
        return values[index] if index is not None and index < len(values) else ""

    swap_sortable = table.format == CANVAS and _is_header(table, mapping, "full_name", "student")
    rows = []
    for cells in table.rows:
        values = cells.values
        name = cell(values, "full_name")
        if swap_sortable and ", " in name:
            last, first = name.split(", ", 1)  # Canvas lists "Last, First"
            name = f"{first} {last}"
        if not name:
            name = " ".join(filter(None, (cell(values, "first_name"), cell(values, "last_name"))))
        rows.append(
            ReadRow(
                number=cells.number,
                email=cell(values, "email"),
                full_name=name,
                role=cell(values, "role"),
                external_id=cell(values, "external_id"),
            )
        )
    return rows


def _is_header(table: Table, mapping: Mapping, field_name: str, header: str) -> bool:
    index = mapping.get(field_name)
    return index is not None and normalize(table.headers[index]) == header


def role_from(text: str) -> Role | None:
    """The role a cell names — the highest of several ("Teacher, Student") — learner when
    empty, None when Rapport knows none of them."""
    names = [normalize(part) for part in text.replace(";", ",").split(",") if part.strip()]
    if not names:
        return Role.LEARNER
    roles = [ROLE_NAMES[name] for name in names if name in ROLE_NAMES]
    return max(roles, key=_RANK.__getitem__) if roles else None


def _unknown_role(text: str) -> str:
    return (
        f"'{text}' is not a role Rapport imports: use learner/student, ta/aide/non-editing "
        "teacher or instructor/teacher."
    )
