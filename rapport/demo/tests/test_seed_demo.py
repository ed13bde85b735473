import io
import zoneinfo
from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from rapport.core.enums import Channel
from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.models import Notification, Touchpoint
from rapport.core.testing.shared_data import module_data
from rapport.courses.models import Course, JoinedVia, Membership, MembershipStatus, Role
from rapport.demo.avatars import jpeg_bytes, portrait
from rapport.demo.testing import demo_on_a_saturday

User = get_user_model()
SIGN_INS = ["instructor@rapport.test", "ta@rapport.test", "learner@rapport.test"]


def run_seed(*args) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True


def seed_then_run_the_command() -> str:
    """The demo (built once for the test run; see rapport/demo/testing.py), then the command
    as ``make run`` runs it on every start. The command's first run, on an empty database, is
    in test_seed_demo_command.py."""
    demo = demo_on_a_saturday()
    with time_machine.travel(demo.now, tick=False):
        return run_seed()


seeded_once = module_data(seed_then_run_the_command, name="seeded_once")


@pytest.fixture
def seeded(seeded_once, db, debug_on, saturday_clock) -> str:
    """The demo, seeded once for this module; each test's changes are undone after it."""
    return seeded_once


@pytest.fixture
def env_sci(seeded) -> Course:
    return Course.objects.get(slug="env-sci-101")


def counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "courses": Course.objects.count(),
        "memberships": Membership.objects.count(),
        "touchpoints": Touchpoint.objects.count(),
        "notifications": Notification.objects.count(),
        "email_addresses": EmailAddress.objects.count(),
    }


def learners(course: Course):
    return User.objects.filter(memberships__course=course, memberships__role=Role.LEARNER)


def test_the_three_demo_sign_ins_work_with_the_demo_password(seeded):
    for email in SIGN_INS:
        user = authenticate(email=email, password="rapport-demo")
        assert user is not None, email
        assert EmailAddress.objects.filter(user=user, email=email, verified=True, primary=True)


def test_the_printed_sign_ins_get_in_through_the_sign_in_page_with_no_code(seeded, client):
    # Email verification is mandatory: an unverified address would be asked for a code.
    for email in SIGN_INS:
        response = client.post(
            reverse("account_login"), {"login": email, "password": "rapport-demo"}
        )
        assert response.status_code == 302, email
        assert response["Location"] == reverse("courses:start"), email
        assert client.session["_auth_user_id"] == str(User.objects.get(email=email).pk)
        client.logout()


def test_every_demo_person_can_sign_in_without_verifying_their_email(seeded):
    people = User.objects.filter(email__endswith="@rapport.test")
    assert people.count() == 27
    assert not EmailAddress.objects.filter(user__in=people, verified=False).exists()
    assert EmailAddress.objects.filter(user__in=people).count() == 27
    assert authenticate(email="aroha@rapport.test", password="rapport-demo") is not None


def test_environmental_science_has_its_staff_and_25_learners(env_sci):
    roles = dict(Membership.objects.filter(course=env_sci).values_list("user__email", "role"))
    assert len(roles) == 27
    assert roles["instructor@rapport.test"] == Role.INSTRUCTOR
    assert roles["ta@rapport.test"] == Role.TA
    assert roles["learner@rapport.test"] == Role.LEARNER
    others = [email for email, role in roles.items() if email not in SIGN_INS]
    assert len(others) == 24
    assert all(roles[email] == Role.LEARNER for email in others)
    assert not Membership.objects.filter(course=env_sci).exclude(status=MembershipStatus.ACTIVE)
    instructor = Membership.objects.get(course=env_sci, role=Role.INSTRUCTOR)
    assert instructor.joined_via == JoinedVia.CREATED


def test_course_is_a_few_weeks_into_its_term(env_sci):
    today = timezone.localdate()
    assert env_sci.title == "Environmental Science 101"
    assert env_sci.timezone == "America/Chicago"
    assert env_sci.description
    assert env_sci.term
    assert not env_sci.young_learners
    assert today - timedelta(weeks=6) <= env_sci.starts_on <= today - timedelta(weeks=2)
    assert today + timedelta(days=60) <= env_sci.ends_on <= today + timedelta(days=120)
    assert env_sci.created_by.email == "instructor@rapport.test"


def test_learners_are_varied_across_continents_pronouns_and_channels(env_sci):
    people = list(learners(env_sci))
    for person in people:
        zoneinfo.ZoneInfo(person.timezone)  # a real zone
    continents = {person.timezone.split("/")[0] for person in people}
    assert len(continents - {"Pacific", "Australia"}) >= 4
    channels = [person.preferred_channel for person in people]
    assert Channel.IN_APP in channels
    assert 5 <= channels.count(Channel.EMAIL) <= 12
    pronouns = {person.pronouns for person in people}
    assert {"she/her", "he/him", "they/them", ""} <= pronouns
    assert sum(bool(person.pronunciation_text) for person in people) >= 10
    assert any(not name.isascii() for name in (p.full_name for p in people))
    assert len({person.display_name for person in people}) == len(people)


def test_some_learners_keep_their_photo_or_local_time_from_peers(env_sci):
    people = learners(env_sci)
    assert people.filter(show_photo_to_peers=False).count() == 2
    assert people.filter(show_local_time_to_peers=False).count() == 1


def test_a_few_learners_have_not_finished_their_profile(env_sci):
    people = list(learners(env_sci))
    unfinished = [person for person in people if not person.profile_is_complete]
    assert 2 <= len(unfinished) <= 6
    assert any("photo" in person.missing_profile_fields for person in unfinished)
    assert any("about me" in person.missing_profile_fields for person in unfinished)
    assert all(person.profile_completed_at is None for person in unfinished)
    finished = [person for person in people if person.profile_is_complete]
    assert all(person.profile_completed_at for person in finished)


def test_joins_and_finished_profiles_are_in_the_ledger(env_sci):
    memberships = Membership.objects.filter(course=env_sci).select_related("user")
    joined = dict(
        Touchpoint.objects.filter(course=env_sci, kind=TouchpointKind.COURSE_JOINED).values_list(
            "subject_id", "occurred_at"
        )
    )
    assert joined == {m.user_id: m.joined_at for m in memberships}
    completed = set(
        Touchpoint.objects.filter(
            course=env_sci, kind=TouchpointKind.PROFILE_COMPLETED
        ).values_list("subject_id", flat=True)
    )
    assert completed == {m.user_id for m in memberships if m.user.profile_is_complete}


def test_learners_joined_over_the_last_few_weeks(env_sci):
    now = timezone.now()
    joined = list(
        Membership.objects.filter(course=env_sci, role=Role.LEARNER).values_list(
            "joined_at", flat=True
        )
    )
    assert all(now - timedelta(weeks=6) < at < now for at in joined)
    assert 2 <= sum(at > now - timedelta(days=10) for at in joined) <= 8


def test_photos_are_jpegs_of_the_right_size(seeded):
    with_photo = User.objects.exclude(photo="")
    assert with_photo.count() >= 20
    for user in with_photo:
        for field, size in [(user.photo, 512), (user.photo_thumb, 256)]:
            with field.open("rb") as handle, Image.open(handle) as image:
                assert image.format == "JPEG"
                assert image.size == (size, size)


def test_portraits_are_the_same_for_the_same_name_and_differ_between_names():
    assert jpeg_bytes(portrait("Aroha Ngata")) == jpeg_bytes(portrait("Aroha Ngata"))
    assert jpeg_bytes(portrait("Aroha Ngata")) != jpeg_bytes(portrait("Kwame Mensah"))


def test_the_ta_learns_in_the_poetry_workshop(seeded):
    poetry = Course.objects.get(slug="poetry-workshop")
    roles = dict(Membership.objects.filter(course=poetry).values_list("user__email", "role"))
    assert 3 <= len(roles) <= 5
    assert roles["ta@rapport.test"] == Role.LEARNER
    assert roles["instructor@rapport.test"] == Role.INSTRUCTOR
    assert Touchpoint.objects.filter(course=poetry, kind=TouchpointKind.COURSE_JOINED).count() == (
        len(roles)
    )


def test_instructor_has_been_told_about_new_learners(seeded):
    told = Notification.objects.filter(
        recipient__email="instructor@rapport.test", kind=NotificationKind.MEMBER_JOINED
    )
    assert told.count() >= 2
    assert told.filter(read_at__isnull=True).exists()
    assert all(n.actor and n.actor.display_name in n.title for n in told)
    assert all(n.url == f"/c/env-sci-101/people/{n.actor_id}/" for n in told)


def test_prints_the_sign_ins(seeded):
    assert "Demo ready: http://127.0.0.1:8000" in seeded
    for line in [
        "  instructor@rapport.test / rapport-demo  (instructor)",
        "  ta@rapport.test / rapport-demo  (teaching assistant)",
        "  learner@rapport.test / rapport-demo  (learner)",
    ]:
        assert line in seeded


def test_running_again_adds_nothing(seeded):
    before = counts()
    photos = dict(User.objects.values_list("email", "photo"))
    output = run_seed()
    assert counts() == before
    assert dict(User.objects.values_list("email", "photo")) == photos
    assert "nothing to add" in output
    assert "Demo ready" in output


def test_running_again_keeps_what_someone_changed_while_exploring(seeded):
    User.objects.filter(email="learner@rapport.test").update(preferred_name="Sammy")
    run_seed()
    assert User.objects.get(email="learner@rapport.test").preferred_name == "Sammy"


def test_running_again_fills_in_what_is_missing(seeded):
    Membership.objects.filter(user__email="mia@rapport.test").delete()
    Touchpoint.objects.filter(subject__email="mia@rapport.test").delete()
    before = counts()
    run_seed()
    assert counts() == before | {
        "memberships": before["memberships"] + 1,
        "touchpoints": before["touchpoints"] + 2,
    }
