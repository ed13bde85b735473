"""``serve`` prints the demo's sign-ins, which the demo app registers with core."""

import io

import pytest
from django.core.management import call_command

from rapport.core import startup
from rapport.core.management.commands import serve
from rapport.core.tests.test_startup import SupervisorThatRunsNothing
from rapport.demo.banner import sign_in_banner
from rapport.demo.people import SIGN_INS
from rapport.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sign_in_people():
    return [UserFactory(email=email) for email, _ in SIGN_INS]


def test_the_demo_app_registers_its_sign_ins_with_core():
    assert sign_in_banner in startup._sources


def test_before_the_demo_is_seeded_there_is_nothing_to_sign_in_to():
    UserFactory(email=SIGN_INS[0][0])  # one of the three is not the demo

    assert sign_in_banner() == []


def test_once_seeded_the_banner_lists_each_sign_in_with_the_shared_password(sign_in_people):
    assert sign_in_banner() == [
        "Demo sign-ins:",
        "  instructor@rapport.test / rapport-demo  (instructor)",
        "  ta@rapport.test / rapport-demo  (teaching assistant)",
        "  learner@rapport.test / rapport-demo  (learner)",
    ]


def test_serve_prints_the_demo_sign_ins(sign_in_people, monkeypatch):
    monkeypatch.setattr(serve, "Supervisor", SupervisorThatRunsNothing)
    out = io.StringIO()

    call_command("serve", port=1102, stdout=out)

    assert "  learner@rapport.test / rapport-demo  (learner)\n" in out.getvalue()
