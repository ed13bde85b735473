"""Rapport's apps stand in layers, each importing only those below it:
core ← accounts ← courses ← feature apps. Core's own rule (it imports no app at all) is
checked in test_core_stands_alone.py; this checks the next floor up: accounts knows people,
not courses — whatever is about memberships lives in courses, and accounts reaches a
person's memberships only through ``user.memberships``. Tests may import anything; they
are left out."""

from pathlib import Path

from django.conf import settings

from rapport.core.tests.test_core_stands_alone import imported_modules

RAPPORT = Path(__file__).resolve().parents[2]
# Every installed rapport app is above accounts except core and accounts itself, and the
# named ones are listed too, so the rule holds even if one is left out of INSTALLED_APPS.
APPS_ABOVE_ACCOUNTS = {
    "courses",
    "media",
    "presence",
    "surveys",
    "knowing",
    "community",
    "radar",
    "home",
    "demo",
} | {
    app.removeprefix("rapport.").split(".")[0]
    for app in settings.INSTALLED_APPS
    if app.startswith("rapport.") and app not in {"rapport.core", "rapport.accounts"}
}


def app_modules(app: str):
    """(path, dotted module name) of every Python file in ``app`` outside its tests."""
    for path in sorted((RAPPORT / app).rglob("*.py")):
        if "tests" in path.relative_to(RAPPORT / app).parts:
            continue
        yield path, ".".join(path.relative_to(RAPPORT.parent).with_suffix("").parts)


def imports_of(app: str, forbidden: set[str]) -> dict[str, list[str]]:
    offenders = {}
    for path, module in app_modules(app):
        found = [
            f"line {line}: {name}"
            for line, name in imported_modules(path.read_text(encoding="utf-8"), module)
            if name.split(".")[0] == "rapport"
            and len(name.split(".")) > 1
            and name.split(".")[1] in forbidden
        ]
        if found:
            offenders[str(path.relative_to(RAPPORT.parent))] = found
    return offenders


# Known crossings, each to be undone rather than added to (none today).
KNOWN_CROSSINGS: dict[str, set[str]] = {}


def test_accounts_imports_no_app_above_it():
    crossings = {
        path: {found.split(": ", 1)[1] for found in lines}
        for path, lines in imports_of("accounts", APPS_ABOVE_ACCOUNTS).items()
    }
    # Equality, not inclusion: a crossing that is undone must leave the list too.
    assert crossings == KNOWN_CROSSINGS


def test_the_walk_reads_accounts_code_but_not_its_tests():
    walked = {path for path, _ in app_modules("accounts")}

    assert RAPPORT / "accounts" / "selectors.py" in walked
    assert RAPPORT / "accounts" / "forms.py" in walked
    assert not any("tests" in path.parts for path in walked)


def test_the_rule_catches_an_import_of_courses_from_accounts(tmp_path, monkeypatch):
    app = tmp_path / "rapport" / "accounts"
    (app / "tests").mkdir(parents=True)
    (app / "services.py").write_text(
        "from rapport.core.enums import Role\n"
        "def later():\n"
        "    from rapport.courses.models import Membership\n"
    )
    (app / "tests" / "test_x.py").write_text("from rapport.courses.models import Course\n")
    monkeypatch.setattr(f"{__name__}.RAPPORT", tmp_path / "rapport")

    assert imports_of("accounts", APPS_ABOVE_ACCOUNTS) == {
        "rapport/accounts/services.py": ["line 3: rapport.courses.models.Membership"]
    }
