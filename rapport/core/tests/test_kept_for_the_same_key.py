"""``KeptForTheSameKey``: made once for the cases in a row that ask for the same key, undone
when a case asks for another; what a case changes is still undone after it."""

import pytest

from rapport.core.testing.shared_data import KeptForTheSameKey, module_data
from rapport.courses.models import Course
from rapport.factories import CourseFactory

shared = module_data(lambda: CourseFactory(slug="shared").pk, name="shared")
makes: list[str] = []


@pytest.fixture(scope="module")
def kept(shared, django_db_blocker):
    kept = KeptForTheSameKey()
    yield kept
    with django_db_blocker.unblock():
        kept.forget()


@pytest.fixture
def made(request, kept, django_db_blocker) -> str:
    key = request.getfixturevalue("key")

    def make() -> str:
        makes.append(key)
        return CourseFactory(slug=f"kept-{key}", title="As made").slug

    with django_db_blocker.unblock():
        return kept.get(key, make)


@pytest.mark.parametrize(
    "key,made_so_far",
    [("a", ["a"]), ("a", ["a"]), ("b", ["a", "b"]), ("a", ["a", "b", "a"])],
)
def test_made_once_for_the_cases_in_a_row_with_the_same_key(key, made_so_far, made, db):
    assert makes == made_so_far
    # Only this key's rows: the previous key's were undone, the module's data stays.
    assert list(Course.objects.values_list("slug", flat=True).order_by("slug")) == [made, "shared"]
    # The previous case's change was undone; this one's will be too.
    assert Course.objects.get(slug=made).title == "As made"
    Course.objects.filter(slug=made).update(title="Changed by a case")
