"""The one audit log: each kind of staff read of a learner's private things leaves rows
naming the viewer, the learner, the kind and the page; a learner reading their own
things leaves nothing; the instructors' log page filters and pages it. (The radar's pages
and the staff home are checked in their own apps' tests.)"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rapport.community.checkins.testing import add_learners, bulk_moods, learners_private_things
from rapport.core.audit import AUDIT_PER_PAGE, sensitive_reads_record
from rapport.core.kinds import SensitiveReadKind
from rapport.core.models import SensitiveRead
from rapport.integrations.api.testing import api_url, bearer, token_make
from rapport.knowing.models.notes import StaffNote
from rapport.presence import services as presence
from rapport.presence.models import Tone
from rapport.surveys.testing import survey_answered_by


def reads(kind=None):
    rows = SensitiveRead.objects.all()
    if kind:
        rows = rows.filter(kind=kind)
    return {(r.viewer, r.learner, r.kind) for r in rows}


def course_url(cast, name, **kwargs):
    return reverse(name, kwargs={"course_slug": cast.course.slug} | kwargs)


def note_to_learner(cast):
    return presence.note_send(
        course=cast.course,
        author=cast.instructor,
        recipient=cast.learner,
        tone=Tone.THINKING_OF_YOU,
        body="Thinking of you",
    )


def test_a_learner_card_with_notes_records_the_card_and_the_notes(cast, client_for):
    StaffNote.objects.create(
        course=cast.course, learner=cast.learner, author=cast.instructor, body="Works nights"
    )
    response = client_for("ta").get(course_url(cast, "knowing:card", user_id=cast.learner.pk))
    assert response.status_code == 200
    assert reads() == {
        (cast.ta, cast.learner, "learner_card"),
        (cast.ta, cast.learner, "staff_notes"),
    }
    assert {r.page for r in SensitiveRead.objects.all()} == {
        f"/c/{cast.course.slug}/learners/{cast.learner.pk}/"
    }


def test_a_card_without_notes_records_only_the_card(cast, client_for):
    client_for("instructor").get(course_url(cast, "knowing:card", user_id=cast.learner.pk))
    assert reads() == {(cast.instructor, cast.learner, "learner_card")}


def test_the_roster_records_the_cards_it_shows_and_its_other_tabs_nothing(cast, client_for):
    client = client_for("ta")
    client.get(course_url(cast, "knowing:roster"))
    assert reads() == {
        (cast.ta, cast.learner, "learner_card"),
        (cast.ta, cast.other_learner, "learner_card"),
    }
    SensitiveRead.objects.all().delete()
    client.get(course_url(cast, "knowing:roster"), {"q": cast.other_learner.display_name})
    assert reads() == {(cast.ta, cast.other_learner, "learner_card")}
    SensitiveRead.objects.all().delete()
    for tab in ("team", "invitations", "former"):
        assert client.get(course_url(cast, "knowing:roster"), {"tab": tab}).status_code == 200
    assert not SensitiveRead.objects.exists()


def test_a_named_surveys_results_and_export_record_each_respondent(cast, client_for):
    survey = survey_answered_by(cast.learner, course=cast.course)
    survey_answered_by(cast.other_learner, course=cast.course)
    client = client_for("instructor")
    client.get(course_url(cast, "surveys:results", survey_id=survey.pk))
    assert reads() == {
        (cast.instructor, cast.learner, "survey_results"),
        (cast.instructor, cast.other_learner, "survey_results"),
    }
    assert {r.about for r in SensitiveRead.objects.all()} == {survey.title}
    SensitiveRead.objects.all().delete()
    b"".join(client.get(course_url(cast, "surveys:export", survey_id=survey.pk)))
    assert len(reads("survey_results")) == 2


def test_a_personal_note_and_its_conversation_are_recorded_for_staff(cast, client_for):
    note = note_to_learner(cast)
    client_for("ta").get(course_url(cast, "presence:message", message_id=note.pk))
    # The conversation under a note is the learner's and the note's author's.
    client_for("instructor").get(
        course_url(cast, "presence:thread", message_id=note.pk, user_id=cast.learner.pk)
    )
    rows = SensitiveRead.objects.filter(kind="personal_messages").order_by("pk")
    assert [(r.viewer, r.learner) for r in rows] == [
        (cast.ta, cast.learner),
        (cast.instructor, cast.learner),
    ]


def test_help_requests_are_recorded_on_the_overview_and_the_learners_page(cast, client_for):
    learners_private_things(cast)  # cast.learner asks for help
    client = client_for("instructor")
    client.get(course_url(cast, "community:mood_overview"))
    assert (cast.instructor, cast.learner, "help_requests") in reads()
    SensitiveRead.objects.all().delete()
    client.get(course_url(cast, "community:mood_learner", user_id=cast.learner.pk))
    assert reads() == {
        (cast.instructor, cast.learner, "mood_history"),
        (cast.instructor, cast.learner, "help_requests"),
    }


def test_a_learner_reading_their_own_things_records_nothing(cast, client_for):
    things = learners_private_things(cast)
    note = note_to_learner(cast)
    survey = survey_answered_by(cast.learner, course=cast.course)
    client = client_for("learner")
    for url in (
        course_url(cast, "community:mood"),
        course_url(cast, "community:reflection_prompt", prompt_id=things["prompt"].pk),
        course_url(cast, "presence:message", message_id=note.pk),
        course_url(cast, "presence:thread", message_id=note.pk, user_id=cast.learner.pk),
        course_url(cast, "surveys:my_answers", survey_id=survey.pk),
    ):
        assert client.get(url).status_code == 200, url
    secret = token_make(cast.learner, cast.course)
    client.get(api_url(f"/courses/{cast.course.slug}/members"), **bearer(secret))
    assert not SensitiveRead.objects.exists()


def test_staff_reading_their_own_things_records_nothing(cast):
    written = sensitive_reads_record(
        course=cast.course,
        viewer=cast.instructor,
        learners=[cast.instructor.pk],
        kind=SensitiveReadKind.LEARNER_CARD,
    )
    assert written == 0 and not SensitiveRead.objects.exists()


@pytest.mark.parametrize(
    "path,kind",
    [
        ("/touchpoints", "api_touchpoints"),
        ("/radar", "api_radar"),
        ("/members", "api_members"),
    ],
)
def test_staff_reads_through_the_api_are_recorded(cast, client, path, kind):
    learners_private_things(cast)  # moments naming cast.learner in the ledger
    secret = token_make(cast.ta, cast.course)
    response = client.get(api_url(f"/courses/{cast.course.slug}{path}"), **bearer(secret))
    assert response.status_code == 200
    assert (cast.ta, cast.learner, kind) in reads()
    assert {r.page for r in SensitiveRead.objects.all()} == {
        api_url(f"/courses/{cast.course.slug}{path}")
    }


def test_a_big_class_is_recorded_in_one_statement_per_kind(cast, client_for):
    more = add_learners(cast.course, 60)
    bulk_moods(cast.course, more, per_learner=1)
    with CaptureQueriesContext(connection) as context:
        client_for("instructor").get(course_url(cast, "community:mood_overview"))
    table = SensitiveRead._meta.db_table
    audit = [q for q in context.captured_queries if f'INSERT INTO "{table}"' in q["sql"]]
    assert len(audit) <= 2  # the moods shown, and the help requests shown
    assert SensitiveRead.objects.filter(kind="mood_overview").count() == 60


def test_the_log_page_filters_by_learner_and_kind_and_pages(cast, client_for):
    for kind in (SensitiveReadKind.LEARNER_CARD, SensitiveReadKind.MOOD_HISTORY):
        sensitive_reads_record(
            course=cast.course, viewer=cast.ta, learners=[cast.learner.pk], kind=kind
        )
    sensitive_reads_record(
        course=cast.course,
        viewer=cast.ta,
        learners=[cast.other_learner.pk],
        kind=SensitiveReadKind.LEARNER_CARD,
    )
    client = client_for("instructor")
    url = course_url(cast, "community:wellbeing_audit")
    page = client.get(url, {"learner": cast.learner.pk, "kind": "learner_card"}).context["page"]
    assert [(r.learner, r.kind) for r in page.object_list] == [(cast.learner, "learner_card")]
    page = client.get(url, {"kind": "learner_card"}).context["page"]
    assert {r.learner for r in page.object_list} == {cast.learner, cast.other_learner}
    response = client.get(url, {"kind": "not-a-kind"})
    assert response.status_code == 200 and len(response.context["page"].object_list) == 3
    for _ in range(AUDIT_PER_PAGE + 1):
        sensitive_reads_record(
            course=cast.course,
            viewer=cast.ta,
            learners=[cast.learner.pk],
            kind=SensitiveReadKind.REFLECTION,
        )
    response = client.get(url, {"kind": "reflection"})
    assert response.context["page"].has_next()
    assert "kind=reflection&amp;page=2" in response.content.decode()


def test_a_learner_never_reaches_the_log(cast, client_for):
    url = course_url(cast, "community:wellbeing_audit")
    assert client_for("learner").get(url).status_code == 404
    assert client_for("ta").get(url).status_code == 404
