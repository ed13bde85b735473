"""The import pages as an instructor uses them: upload, check the columns and the preview,
import with a progress bar, import again; bad files refused with nothing changed."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from rapport.core.testing.queries import count_queries
from rapport.courses.models import JoinedVia, Membership, MembershipStatus, Role
from rapport.integrations.roster.models import ImportStatus, RosterImport
from rapport.integrations.roster.testing import (
    class_of,
    csv_bytes,
    oneroster_zip,
    roster_import_make,
    upload,
)
from rapport.integrations.roster.tests.test_parsing import MOODLE_CSV

pytestmark = pytest.mark.django_db
User = get_user_model()
CLASS_CSV = [
    ["email", "name", "role"],
    ["sam@school.test", "Sam Lee", "learner"],
    ["ada@school.test", "Ada Okafor", "ta"],
    ["bob@", "Bob", "learner"],
    ["learner@example.test", "Learner", ""],
]


def start_url(cast) -> str:
    return reverse("roster:import_start", kwargs={"course_slug": cast.course.slug})


@pytest.fixture
def instructor(client, cast):
    client.force_login(cast.instructor)
    return client


def uploaded(client, cast, data: bytes, name: str = "class.csv") -> RosterImport:
    response = client.post(start_url(cast), {"file": upload(data, name)})
    assert response.status_code == 302, response.content.decode()
    return RosterImport.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[-1])


@pytest.fixture
def post_import(instructor, django_capture_on_commit_callbacks):
    """``post_import(roster_import, **changes)``: press Import, and run the queued task."""

    def post(roster_import: RosterImport, **changes):
        with django_capture_on_commit_callbacks(execute=True):
            response = instructor.post(
                roster_import.get_absolute_url(),
                mapping_data(roster_import, action="import", **changes),
            )
        assert response.status_code == 302, response.content.decode()
        roster_import.refresh_from_db()
        return roster_import

    return post


def mapping_data(roster_import: RosterImport, **changes) -> dict:
    data = {k: "" if v is None else str(v) for k, v in roster_import.mapping.items()}
    return data | changes


def counts(outcome) -> tuple:
    return (outcome.added, outcome.role_changed, outcome.removed, outcome.unchanged)


def test_upload_shows_the_columns_guessed_and_a_preview(instructor, cast):
    roster_import = uploaded(instructor, cast, csv_bytes(CLASS_CSV))
    response = instructor.get(roster_import.get_absolute_url())
    page = response.content.decode()
    assert "Rapport class list (email, name, role)" in page
    assert '<option value="0" selected>email</option>' in page
    preview = response.context["preview"]
    assert counts(preview.outcome) == (2, 0, 0, 1)
    assert [row.email for row in preview.rows][:2] == ["sam@school.test", "ada@school.test"]
    assert "Row 4: email: &#x27;bob@&#x27; is not an email address." in page
    assert not User.objects.filter(email="sam@school.test").exists()  # a dry run


def test_the_preview_counts_role_changes_and_removals(instructor, cast, post_import):
    post_import(uploaded(instructor, cast, csv_bytes(CLASS_CSV)))
    changed = [CLASS_CSV[0], ["sam@school.test", "Sam Lee", "ta"]]
    roster_import = uploaded(instructor, cast, csv_bytes(changed))
    response = instructor.post(
        roster_import.get_absolute_url(), mapping_data(roster_import, remove_missing="on")
    )
    assert counts(response.context["preview"].outcome) == (0, 1, 1, 0)
    assert "Will remove" in response.content.decode()
    assert Membership.objects.get(user__email="sam@school.test").role == Role.LEARNER


def test_a_mapping_edited_by_hand_is_used(instructor, cast, post_import):
    data = csv_bytes([["Work", "Home"], ["w@school.test", "h@school.test"]])
    roster_import = uploaded(instructor, cast, data)
    response = instructor.get(roster_import.get_absolute_url())
    assert "choose which column holds them" in response.content.decode()
    post_import(roster_import, email="1")
    assert Membership.objects.filter(course=cast.course, user__email="h@school.test").exists()


def test_import_without_an_email_column_is_refused(instructor, cast):
    roster_import = uploaded(instructor, cast, csv_bytes([["Who"], ["Sam"]]))
    response = instructor.post(roster_import.get_absolute_url(), {"action": "import"})
    assert response.status_code == 400
    assert "Rapport needs an email address" in response.content.decode()
    roster_import.refresh_from_db()
    assert roster_import.status == ImportStatus.UPLOADED


def test_import_runs_in_the_task_and_deletes_the_file(instructor, cast, post_import):
    roster_import = uploaded(instructor, cast, csv_bytes(CLASS_CSV))
    stored = roster_import.file.name
    assert roster_import.file.storage.exists(stored)
    post_import(roster_import)
    assert roster_import.status == ImportStatus.DONE and roster_import.progress == 100
    assert roster_import.outcome["added"] == 2 and roster_import.outcome["created_users"] == 2
    assert roster_import.outcome["errors"] == [[4, "email", "'bob@' is not an email address."]]
    assert not roster_import.file and not roster_import.file.storage.exists(stored)
    sam = Membership.objects.get(course=cast.course, user__email="sam@school.test")
    assert sam.joined_via == JoinedVia.IMPORTED
    page = instructor.get(roster_import.get_absolute_url()).content.decode()
    assert "Imported" in page and "Rows not imported" in page


def test_importing_the_same_file_again_changes_nothing(instructor, cast, post_import):
    for _ in range(2):
        roster_import = post_import(uploaded(instructor, cast, csv_bytes(CLASS_CSV)))
    outcome = roster_import.outcome
    assert (outcome["added"], outcome["created_users"], outcome["unchanged"]) == (0, 0, 3)


def test_remove_missing_removes_those_an_earlier_list_added(instructor, cast, post_import):
    post_import(uploaded(instructor, cast, csv_bytes(CLASS_CSV)))
    second = post_import(uploaded(instructor, cast, csv_bytes(CLASS_CSV[:2])), remove_missing="on")
    assert second.outcome["removed"] == 1
    ada = Membership.objects.get(course=cast.course, user__email="ada@school.test")
    assert ada.status == MembershipStatus.REMOVED
    assert Membership.objects.get(course=cast.course, user=cast.learner).is_active


@pytest.mark.parametrize(
    "data,message",
    [
        (b"", "The submitted file is empty."),
        (b"\x00\x01\x02binary", "not a text file"),
        ("email\nzoë@school.test\n".encode("latin-1"), "not UTF-8"),
        (oneroster_zip(**class_of(1), leave_out=("users.csv",)), "no users.csv"),
    ],
    # Named, since the zip holds the time it was made: each test worker collecting it in
    # another second would name the test differently, and the run stops at collection.
    ids=["empty", "binary", "latin-1", "zip without users.csv"],
)
def test_bad_files_are_refused_with_a_message_and_nothing_kept(instructor, cast, data, message):
    response = instructor.post(start_url(cast), {"file": upload(data)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not RosterImport.objects.exists()


def test_a_moodle_export_imports_with_its_roles(instructor, cast, post_import):
    rows = MOODLE_CSV + [
        ["Eve", "Ng", "eve@", "Student", ""],
        ["Al", "Bo", "al@x.test", "Parent", ""],
    ]
    roster_import = uploaded(instructor, cast, csv_bytes(rows, bom=True))
    post_import(roster_import)
    assert roster_import.outcome["added"] == 2
    assert [error[:2] for error in roster_import.outcome["errors"]] == [[4, "email"], [5, "role"]]
    ada = Membership.objects.get(course=cast.course, user__email="ada@school.test")
    assert ada.role == Role.INSTRUCTOR and ada.user.full_name == "Ada Okafor"


def test_a_oneroster_zip_imports_the_class_chosen(instructor, cast, post_import):
    first, second = class_of(2), class_of(3, class_id="class-2", start=10)
    data = oneroster_zip(
        classes={"class-1": "Biology 7A", "class-2": "Biology 7B"},
        users=first["users"] + second["users"],
        enrollments=first["enrollments"]
        + second["enrollments"]
        + [("class-2", "ghost", "student"), ("class-2", "u0", "teacher")],
    )
    roster_import = uploaded(instructor, cast, data, "oneroster.zip")
    page = instructor.get(roster_import.get_absolute_url()).content.decode()
    assert "Biology 7B (class-2)" in page
    post_import(roster_import, class_id="class-2")
    assert roster_import.outcome["added"] == 4
    assert roster_import.outcome["errors"][0][1:] == [
        "user",
        "enrols 'ghost', who is not in users.csv.",
    ]
    assert Membership.objects.get(user__email="pupil0@school.test").role == Role.INSTRUCTOR


def test_progress_is_polled_with_htmx_and_the_page_works_without(instructor, cast):
    roster_import = uploaded(instructor, cast, csv_bytes(CLASS_CSV))
    RosterImport.objects.filter(pk=roster_import.pk).update(
        status=ImportStatus.RUNNING, progress=40
    )
    url = reverse(
        "roster:import_progress",
        kwargs={"course_slug": cast.course.slug, "import_id": roster_import.pk},
    )
    partial = instructor.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' in partial and 'value="40"' in partial
    assert instructor.get(url)["Location"] == roster_import.get_absolute_url()
    page = instructor.get(roster_import.get_absolute_url()).content.decode()
    assert 'http-equiv="refresh"' in page and 'value="40"' in page


def test_a_tas_and_learners_cannot_import(client, cast):
    for person in (cast.ta, cast.learner):
        client.force_login(person)
        assert client.get(start_url(cast)).status_code == 404


def test_the_people_page_links_to_the_import(instructor, cast):
    page = instructor.get(
        reverse("knowing:roster", kwargs={"course_slug": cast.course.slug})
    ).content.decode()
    assert start_url(cast) in page


def test_the_review_page_costs_the_same_queries_for_a_longer_list(instructor, cast):
    def queries_for(size: int, start: int) -> int:
        rows = [["email", "name"]] + [
            [f"p{n}@school.test", f"P {n}"] for n in range(start, start + size)
        ]
        roster_import = uploaded(instructor, cast, csv_bytes(rows))
        return count_queries(instructor, roster_import.get_absolute_url())

    assert queries_for(3, 0) == queries_for(40, 100)


def test_the_upload_page_lists_recent_imports_at_a_fixed_cost(instructor, cast):
    roster_import_make(cast.course, cast.instructor)
    few = count_queries(instructor, start_url(cast))
    for _ in range(4):
        roster_import_make(cast.course, cast.instructor)
    assert count_queries(instructor, start_url(cast)) == few


def test_an_upload_can_be_deleted_without_importing(instructor, cast, post_import):
    roster_import = uploaded(instructor, cast, csv_bytes(CLASS_CSV))
    stored = roster_import.file.name
    discard = reverse(
        "roster:import_discard",
        kwargs={"course_slug": cast.course.slug, "import_id": roster_import.pk},
    )
    assert instructor.post(discard)["Location"] == start_url(cast)
    roster_import.refresh_from_db()
    assert not roster_import.file and not roster_import.file.storage.exists(stored)
    assert (
        "Discarded without importing."
        in instructor.get(roster_import.get_absolute_url()).content.decode()
    )
    assert not Membership.objects.filter(user__email="sam@school.test").exists()


def test_an_imported_list_cannot_be_discarded(instructor, cast, post_import):
    roster_import = post_import(uploaded(instructor, cast, csv_bytes(CLASS_CSV)))
    discard = reverse(
        "roster:import_discard",
        kwargs={"course_slug": cast.course.slug, "import_id": roster_import.pk},
    )
    instructor.post(discard)
    roster_import.refresh_from_db()
    assert roster_import.status == ImportStatus.DONE
