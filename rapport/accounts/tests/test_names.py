"""Names may not carry hidden characters that let one person pass as another, and emails
built from names saved before that rule still send."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from rapport.accounts.names import NAME_TEXT_MESSAGE
from rapport.accounts.services import profile_update
from rapport.accounts.tests.test_views import PROFILE_URL, form_data
from rapport.core.enums import Channel
from rapport.core.kinds import NotificationKind
from rapport.core.notifications import notify
from rapport.courses import services as course_services

pytestmark = pytest.mark.django_db
User = get_user_model()

HIDDEN = {
    "line feed": "Instruc\ntor",
    "carriage return": "Instruc\rtor",
    "tab": "Instruc\ttor",
    "null": "Instruc\x00tor",
    "C1 control": "Instruc\x85tor",
    "right-to-left override": "\u202erotcurtsnI",
    "left-to-right embedding": "\u202aInstructor",
    "pop directional formatting": "Instructor\u202c",
    "first strong isolate": "\u2068Instructor\u2069",
    "right-to-left isolate": "\u2067Instructor",
    "zero-width space": "Instruc\u200btor",
    "zero-width non-joiner": "Instruc\u200ctor",
    "zero-width joiner": "Instruc\u200dtor",
    "word joiner": "Instruc\u2060tor",
    "byte-order mark": "\ufeffInstructor",
    "line separator": "Instruc\u2028tor",
}
FINE = ["José Ñúñez", "محمد", "李小龍", "Zoë O'Brien-Smith", "Mā-ori 🌿"]
TEXT_FIELDS = ["preferred_name", "full_name", "pronouns", "pronunciation_text"]


def signup_data(preferred_name):
    return {
        "preferred_name": preferred_name,
        "email": "copycat@example.test",
        "password1": "a-long-river-song",
        "password2": "a-long-river-song",
    }


@pytest.mark.parametrize("name", HIDDEN.values(), ids=HIDDEN.keys())
def test_signup_refuses_a_name_with_hidden_characters(client, db, name):
    response = client.post(reverse("account_signup"), signup_data(name))
    assert response.status_code == 200
    assert "invisible characters" in response.content.decode()
    assert not User.objects.filter(email="copycat@example.test").exists()


@pytest.mark.parametrize("name", FINE)
def test_signup_accepts_names_in_any_script(client, db, name):
    response = client.post(reverse("account_signup"), signup_data(name))
    assert response.status_code == 302
    assert User.objects.get(email="copycat@example.test").preferred_name == name


@pytest.mark.parametrize("field", TEXT_FIELDS)
@pytest.mark.parametrize("key", ["line feed", "right-to-left override", "zero-width joiner"])
def test_profile_edit_refuses_hidden_characters_and_saves_nothing(cast, client_for, field, key):
    value = HIDDEN[key][:40]
    response = client_for("learner").post(PROFILE_URL, form_data(**{field: value}))
    assert response.status_code == 200
    assert "invisible characters" in response.content.decode()
    cast.learner.refresh_from_db()
    assert cast.learner.preferred_name == "Learner"
    assert cast.learner.timezone != "Europe/Berlin"


@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_profile_update_refuses_hidden_characters(cast, field):
    with pytest.raises(ValidationError) as refusal:
        profile_update(user=cast.learner, data={field: "In\u2066structor"})
    assert refusal.value.message_dict[field] == [NAME_TEXT_MESSAGE]
    cast.learner.refresh_from_db()
    assert "\u2066" not in getattr(cast.learner, field)


def test_a_name_saved_with_a_line_break_still_gets_notification_emails_out(
    cast, django_capture_on_commit_callbacks
):
    # A row saved before names were checked: bypasses validation on purpose.
    User.objects.filter(pk=cast.learner.pk).update(preferred_name="Sam\r\nBcc: all@example.org")
    cast.learner.refresh_from_db()
    cast.instructor.preferred_channel = Channel.EMAIL
    cast.instructor.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            recipient=cast.instructor,
            kind=NotificationKind.MEMBER_JOINED,
            title=f"{cast.learner.display_name} joined {cast.course.title}",
            course=cast.course,
            actor=cast.learner,
        )
    [message] = mail.outbox
    assert message.subject == "Rapport: Sam Bcc: all@example.org joined Environmental Science 101"
    assert "\n" not in message.message()["Subject"]
    assert message.recipients() == [cast.instructor.email]


def test_an_inviter_name_with_a_line_break_still_gets_the_invitation_out(
    cast, django_capture_on_commit_callbacks
):
    User.objects.filter(pk=cast.instructor.pk).update(preferred_name="Ms\nRivera\u202e")
    cast.instructor.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        course_services.invitations_send(
            course=cast.course, inviter=cast.instructor, emails=["ada@example.org"]
        )
    [message] = mail.outbox
    assert message.subject == "Rapport: Ms Rivera invited you to Environmental Science 101"
    assert message.recipients() == ["ada@example.org"]
