"""``manage.py import_roster``: the same import in the terminal, with a progress bar."""

import pytest
from django.core.management import CommandError, call_command

from rapport.courses.models import Membership
from rapport.integrations.roster.testing import class_of, csv_bytes, oneroster_zip
from rapport.integrations.roster.tests.test_views import CLASS_CSV

pytestmark = pytest.mark.django_db


def run(path, *options) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_roster", str(path), "--course", "env-sci", *options, stdout=out)
    return out.getvalue()


def test_the_command_imports_with_a_progress_bar_and_prints_row_errors(cast, tmp_path):
    path = tmp_path / "class.csv"
    path.write_bytes(csv_bytes(CLASS_CSV))
    printed = run(path)
    assert "Importing [" in printed and "100%" in printed
    assert "2 new to Rapport, 2 added, 0 brought back, 0 role changed, 0 removed, 1 unchanged" in (
        printed
    )
    assert "Row 4: email: 'bob@' is not an email address." in printed
    assert Membership.objects.filter(course=cast.course, user__email="sam@school.test").exists()
    assert "0 added" in run(path) and "3 unchanged" in run(path)


def test_a_dry_run_changes_nothing(cast, tmp_path):
    path = tmp_path / "class.csv"
    path.write_bytes(csv_bytes(CLASS_CSV))
    assert "Would change (dry run): 2 new to Rapport, 2 added" in run(path, "--dry-run")
    assert not Membership.objects.filter(user__email="sam@school.test").exists()


def test_remove_missing(cast, tmp_path):
    path = tmp_path / "class.csv"
    path.write_bytes(csv_bytes(CLASS_CSV))
    run(path)
    path.write_bytes(csv_bytes(CLASS_CSV[:2]))
    assert "1 removed" in run(path, "--remove-missing")


def test_a_oneroster_zip_with_several_classes_needs_one_chosen(cast, tmp_path):
    first, second = class_of(2), class_of(1, class_id="class-2", start=5)
    path = tmp_path / "oneroster.zip"
    path.write_bytes(
        oneroster_zip(
            classes={"class-1": "A", "class-2": "B"},
            users=first["users"] + second["users"],
            enrollments=first["enrollments"] + second["enrollments"],
        )
    )
    with pytest.raises(CommandError, match="choose one with --class. class-1 .A., class-2 .B."):
        run(path)
    assert "1 added" in run(path, "--class", "class-2")


@pytest.mark.parametrize(
    "data,message",
    [
        (b"", "The file is empty."),
        (b"\x00\x01binary", "not a text file"),
        (oneroster_zip(leave_out=("users.csv",)), "no users.csv"),
        (csv_bytes([["Who"], ["Sam"]]), "Rapport needs an email address"),
    ],
    # Named, since the zip holds the time it was made: each test worker collecting it in
    # another second would name the test differently, and the run stops at collection.
    ids=["empty", "binary", "zip without users.csv", "no email column"],
)
def test_a_bad_file_exits_with_its_message_and_changes_nothing(cast, tmp_path, data, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    before = Membership.objects.count()
    with pytest.raises(CommandError, match=message):
        run(path)
    assert Membership.objects.count() == before


def test_a_missing_file_or_course_exits_with_a_message(cast, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run(tmp_path / "nowhere.csv")
    with pytest.raises(CommandError, match="No course"):
        call_command("import_roster", "x.csv", "--course", "nope")
