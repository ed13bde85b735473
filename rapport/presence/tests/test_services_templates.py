"""Message templates, and one personal note per learner from a template."""

import pytest

from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.models import Notification, Touchpoint
from rapport.core.refusals import Refused
from rapport.presence import services
from rapport.presence.models import Message, MessageKind, MessageTemplate, Tone

pytestmark = pytest.mark.django_db


def test_staff_save_a_template(cast):
    template = services.template_create(
        course=cast.course,
        owner=cast.ta,
        name="  Welcome  ",
        kind=MessageKind.NOTE,
        body="Hi {preferred_name}",
    )
    assert (template.name, template.owner) == ("Welcome", cast.ta)


def test_learners_cannot_save_templates(cast):
    with pytest.raises(Refused):
        services.template_create(
            course=cast.course, owner=cast.learner, name="x", kind=MessageKind.NOTE, body="y"
        )


@pytest.mark.parametrize(
    "name,kind,body,problem",
    [
        ("", "note", "Hi", "name"),
        ("x", "poem", "Hi", "what the template is for"),
        ("x", "note", " ", "words"),
    ],
)
def test_a_template_needs_a_name_a_kind_and_words(cast, name, kind, body, problem):
    with pytest.raises(Refused, match=problem):
        services.template_create(
            course=cast.course, owner=cast.instructor, name=name, kind=kind, body=body
        )
    assert not MessageTemplate.objects.exists()


def test_only_the_owner_changes_or_deletes_a_template(cast, note_template):
    with pytest.raises(Refused, match="Only the person who made"):
        services.template_update(
            template=note_template, actor=cast.ta, name="Mine", kind="note", body="x"
        )
    with pytest.raises(Refused, match="Only the person who made"):
        services.template_delete(template=note_template, actor=cast.ta)
    services.template_update(
        template=note_template, actor=cast.instructor, name="Renamed", kind="note", body="New"
    )
    note_template.refresh_from_db()
    assert (note_template.name, note_template.body) == ("Renamed", "New")
    services.template_delete(template=note_template, actor=cast.instructor)
    assert not MessageTemplate.objects.exists()


def test_one_note_per_learner_with_their_own_words(cast):
    sent = services.notes_send_from_template(
        course=cast.course,
        author=cast.instructor,
        tone=Tone.CONGRATULATIONS,
        bodies={
            cast.learner.pk: "Well done {preferred_name}!",
            cast.other_learner.pk: "Bravo {preferred_name}, {goal} next.",
        },
    )
    bodies = {message.recipient: message.body for message in sent}
    assert bodies == {
        cast.learner: "Well done Learner!",
        cast.other_learner: "Bravo Other_Learner, next.",
    }
    assert all(message.tone == Tone.CONGRATULATIONS for message in sent)
    assert Touchpoint.objects.filter(kind=TouchpointKind.PERSONAL_MESSAGE).count() == 2
    assert Notification.objects.filter(kind=NotificationKind.PERSONAL_MESSAGE).count() == 2


def test_malformed_braces_in_reviewed_words_do_not_crash(cast):
    (message,) = services.notes_send_from_template(
        course=cast.course,
        author=cast.instructor,
        tone=Tone.OTHER,
        bodies={cast.learner.pk: "Hi {preferred_name} {oops {0} }{"},
    )
    assert message.body == "Hi Learner {oops {0} }{"


def test_all_or_nothing_when_one_note_is_empty(cast):
    with pytest.raises(Refused, match="Write something for Other_Learner"):
        services.notes_send_from_template(
            course=cast.course,
            author=cast.instructor,
            tone=Tone.OTHER,
            bodies={cast.learner.pk: "Hi", cast.other_learner.pk: "  "},
        )
    assert not Message.objects.exists()


def test_only_learners_of_the_course_get_notes(cast):
    for person in (cast.ta, cast.outsider):
        with pytest.raises(Refused, match="aren't learners"):
            services.notes_send_from_template(
                course=cast.course,
                author=cast.instructor,
                tone=Tone.OTHER,
                bodies={cast.learner.pk: "Hi", person.pk: "Hi"},
            )
    assert not Message.objects.exists()


def test_choosing_nobody_is_refused(cast):
    with pytest.raises(Refused, match="at least one learner"):
        services.notes_send_from_template(
            course=cast.course, author=cast.instructor, tone=Tone.OTHER, bodies={}
        )
