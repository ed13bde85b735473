"""``module_data``: built once for the module, each test's changes undone, emails kept."""

import pytest
from django.core import mail
from django.db import transaction

from rapport.core.testing.shared_data import module_data
from rapport.factories import CourseFactory

pytestmark = pytest.mark.django_db


def build():
    course = CourseFactory(title="Shared", slug="shared")
    transaction.on_commit(lambda: mail.send_mail("Built", "once", None, ["a@example.test"]))
    return course


shared = module_data(build, name="shared")


def test_the_data_is_there_and_a_test_may_change_it(shared, module_outbox):
    from rapport.courses.models import Course

    assert Course.objects.get(slug="shared") == shared
    assert [m.subject for m in module_outbox] == ["Built"]
    assert mail.outbox == []  # each test's outbox starts empty
    Course.objects.filter(slug="shared").update(title="Changed")


def test_what_the_previous_test_changed_is_undone(shared):
    from rapport.courses.models import Course

    assert Course.objects.get(slug="shared").title == "Shared"
