"""Private staff notes: written by staff on a learner's card, shown with author and time,
changed or deleted only by their author, never seen by a learner."""

import pytest
from django.utils import dateformat

from rapport.core.refusals import Refused
from rapport.knowing import services
from rapport.knowing.models.notes import NOTE_MAX_LENGTH, StaffNote
from rapport.knowing.tests.test_cards_helpers import HX

pytestmark = pytest.mark.django_db


def card(cast) -> str:
    return f"/c/env-sci/learners/{cast.learner.pk}/"


def notes_url(cast) -> str:
    return card(cast) + "notes/"


@pytest.fixture
def note(cast):
    return services.staff_note_add(
        course=cast.course,
        author=cast.instructor,
        learner=cast.learner,
        body="Works night shifts — offer async options",
    )


def test_staff_add_a_note_and_see_it_with_author_and_time(cast, client_for):
    client = client_for("ta")
    response = client.post(notes_url(cast), {"body": "  Lost their grandmother; check in gently "})
    assert response.status_code == 302
    assert response["Location"] == card(cast) + "#notes"
    saved = StaffNote.objects.get()
    assert (saved.author, saved.learner, saved.course) == (cast.ta, cast.learner, cast.course)
    assert saved.body == "Lost their grandmother; check in gently"
    page = client.get(card(cast)).content.decode()
    assert "Lost their grandmother; check in gently" in page
    assert 'class="person__name">Ta<' in page
    assert dateformat.format(saved.created_at, "j M Y, g:i a") in page  # TA's zone is UTC


def test_an_empty_note_is_refused_with_a_message_and_nothing_saved(cast, client_for):
    response = client_for("instructor").post(notes_url(cast), {"body": "   "})
    assert response.status_code == 200
    assert "Write something before saving the note." in response.content.decode()
    assert not StaffNote.objects.exists()


def test_a_note_that_is_too_long_is_refused(cast, client_for):
    response = client_for("instructor").post(notes_url(cast), {"body": "x" * (NOTE_MAX_LENGTH + 1)})
    assert response.status_code == 200
    assert not StaffNote.objects.exists()


def test_htmx_adding_a_note_returns_the_notes_section(cast, client_for, note):
    response = client_for("ta").post(notes_url(cast), {"body": "Second note"}, headers=HX)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<section class="card" id="notes"')
    assert "Second note" in page and "Works night shifts" in page
    assert page.index("Second note") < page.index("Works night shifts")  # newest first


def test_htmx_empty_note_shows_the_error_in_place(cast, client_for):
    response = client_for("ta").post(notes_url(cast), {"body": ""}, headers=HX)
    assert "Write something before saving the note." in response.content.decode()
    assert not StaffNote.objects.exists()


def test_notes_about_someone_who_is_not_a_learner_here_are_refused(cast, client_for):
    url = f"/c/env-sci/learners/{cast.ta.pk}/notes/"
    assert client_for("instructor").post(url, {"body": "Hi"}).status_code == 404
    with pytest.raises(Refused):
        services.staff_note_add(
            course=cast.course, author=cast.instructor, learner=cast.outsider, body="Hi"
        )
    with pytest.raises(Refused):
        services.staff_note_add(
            course=cast.course, author=cast.other_learner, learner=cast.learner, body="Hi"
        )
    assert not StaffNote.objects.exists()


def test_only_the_author_sees_edit_and_delete(cast, client_for, note):
    edit = f"{notes_url(cast)}{note.pk}/edit/"
    assert edit in client_for("instructor").get(card(cast)).content.decode()
    ta_page = client_for("ta").get(card(cast)).content.decode()
    assert "Works night shifts" in ta_page  # the whole team reads it
    assert edit not in ta_page


def test_the_author_edits_their_note(cast, client_for, note):
    edit = f"{notes_url(cast)}{note.pk}/edit/"
    client = client_for("instructor")
    assert "Works night shifts" in client.get(edit).content.decode()
    response = client.post(edit, {"body": "Works nights; prefers async"})
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.body == "Works nights; prefers async"


def test_editing_to_nothing_is_refused_and_the_note_kept(cast, client_for, note):
    edit = f"{notes_url(cast)}{note.pk}/edit/"
    response = client_for("instructor").post(edit, {"body": ""})
    assert response.status_code == 200
    assert "Write something before saving the note." in response.content.decode()
    note.refresh_from_db()
    assert note.body == "Works night shifts — offer async options"


def test_htmx_edit_swaps_the_note_in_place(cast, client_for, note):
    edit = f"{notes_url(cast)}{note.pk}/edit/"
    client = client_for("instructor")
    form = client.get(edit, headers=HX).content.decode()
    assert form.lstrip().startswith(f'<li class="note" id="note-{note.pk}">')
    assert "<textarea" in form
    cancelled = client.get(edit + "?cancel=1", headers=HX).content.decode()
    assert "<textarea" not in cancelled and "Works night shifts" in cancelled
    saved = client.post(edit, {"body": "Updated"}, headers=HX).content.decode()
    assert saved.lstrip().startswith(f'<li class="note" id="note-{note.pk}">')
    assert "Updated" in saved and "<textarea" not in saved


def test_another_staff_member_cannot_edit_or_delete(cast, client_for, note):
    client = client_for("ta")
    assert client.get(f"{notes_url(cast)}{note.pk}/edit/").status_code == 404
    assert client.post(f"{notes_url(cast)}{note.pk}/edit/", {"body": "x"}).status_code == 404
    assert client.post(f"{notes_url(cast)}{note.pk}/delete/").status_code == 404
    note.refresh_from_db()
    assert note.body == "Works night shifts — offer async options"
    with pytest.raises(Refused):
        services.staff_note_update(note=note, editor=cast.ta, body="x")
    with pytest.raises(Refused):
        services.staff_note_delete(note=note, editor=cast.ta)


def test_a_note_is_reached_only_through_its_own_learner_and_course(cast, client_for, note):
    wrong_learner = f"/c/env-sci/learners/{cast.other_learner.pk}/notes/{note.pk}/edit/"
    assert client_for("instructor").get(wrong_learner).status_code == 404


def test_the_author_deletes_their_note(cast, client_for, note):
    response = client_for("instructor").post(f"{notes_url(cast)}{note.pk}/delete/")
    assert response.status_code == 302
    assert not StaffNote.objects.exists()


def test_htmx_delete_answers_empty_so_the_note_disappears(cast, client_for, note):
    response = client_for("instructor").post(f"{notes_url(cast)}{note.pk}/delete/", headers=HX)
    assert response.status_code == 200 and response.content == b""
    assert not StaffNote.objects.exists()


def test_an_author_who_left_the_team_can_no_longer_change_their_note(cast, note):
    cast.course.memberships.filter(user=cast.instructor).update(status="removed")
    with pytest.raises(Refused):
        services.staff_note_update(note=note, editor=cast.instructor, body="x")


@pytest.mark.parametrize("role", ["learner", "other_learner", "outsider"])
def test_learners_and_outsiders_can_reach_no_note_url(cast, client_for, note, role):
    client = client_for(role)
    assert client.post(notes_url(cast), {"body": "Sneaky"}).status_code == 404
    assert client.get(f"{notes_url(cast)}{note.pk}/edit/").status_code == 404
    assert client.post(f"{notes_url(cast)}{note.pk}/delete/").status_code == 404
    assert StaffNote.objects.count() == 1
