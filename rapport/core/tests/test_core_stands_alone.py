"""Core is the floor every app stands on, so it imports none of them: not a feature app, not
the demo. An app that needs core to do something for it registers with core instead (as the
demo registers its sign-ins with ``rapport.core.startup``). Core's own tests may import
anything; they are left out."""

import ast
from pathlib import Path

from django.conf import settings

CORE = Path(__file__).resolve().parents[1]
CORE_TESTS = CORE / "tests"
# Named apps, including ones still to come, so a new app is covered the day it lands; and
# every installed rapport app besides core.
APPS_ABOVE_CORE = {
    "accounts",
    "courses",
    "media",
    "presence",
    "surveys",
    "knowing",
    "community",
    "demo",
    "walls",
    "groups",
    "live",
    "booking",
    "radar",
    "integrations",
} | {
    app.removeprefix("rapport.").split(".")[0]
    for app in settings.INSTALLED_APPS
    if app.startswith("rapport.") and app != "rapport.core"
}


def imported_modules(source: str, module: str) -> list[tuple[int, str]]:
    """(line, dotted name) of every module ``source`` imports, relative imports resolved
    against ``module`` (its own dotted name) and ``import_module("...")`` calls included."""
    package = module.split(".")[:-1]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            stem = ".".join([*base, *([node.module] if node.module else [])])
            # "from rapport import courses" imports rapport.courses.
            found += [(node.lineno, f"{stem}.{alias.name}") for alias in node.names]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None)) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.lineno, node.args[0].value))
    return sorted(found)


def imports_above_core(source: str, module: str) -> list[str]:
    return [
        f"line {line}: {name}"
        for line, name in imported_modules(source, module)
        if name.split(".")[0] == "rapport"
        and len(name.split(".")) > 1
        and name.split(".")[1] in APPS_ABOVE_CORE
    ]


def core_modules():
    for path in sorted(CORE.rglob("*.py")):
        if CORE_TESTS in path.parents:
            continue
        # A package's __init__ keeps its name here, so "from . import x" resolves inside it.
        yield path, ".".join(path.relative_to(CORE.parent.parent).with_suffix("").parts)


def test_core_imports_no_feature_app_and_not_the_demo():
    offenders = {
        str(path.relative_to(CORE.parent.parent)): found
        for path, module in core_modules()
        if (found := imports_above_core(path.read_text(encoding="utf-8"), module))
    }
    assert offenders == {}


def test_the_check_sees_every_way_of_importing_an_app():
    source = """
import rapport.courses.models
from rapport.demo.people import SIGN_INS
from rapport import presence
from ....surveys import services
from rapport.core import touchpoints
from . import kinds
import importlib
importlib.import_module("rapport.knowing.selectors")
def later():
    from rapport.community.models import Ritual
"""
    found = imports_above_core(source, "rapport.core.management.commands.serve")

    assert found == [
        "line 2: rapport.courses.models",
        "line 3: rapport.demo.people.SIGN_INS",
        "line 4: rapport.presence",
        "line 5: rapport.surveys.services",
        "line 9: rapport.knowing.selectors",
        "line 11: rapport.community.models.Ritual",
    ]


def test_the_walk_reads_core_but_not_its_tests():
    walked = [path for path, _ in core_modules()]

    assert CORE / "management" / "commands" / "serve.py" in walked
    assert CORE / "startup.py" in walked
    assert not any(CORE_TESTS in path.parents for path in walked)
