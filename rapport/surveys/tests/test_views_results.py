"""Results for the teaching team: counts, summaries of every kind of question, who has not
answered (named surveys only); answers as CSV, safe to open in a spreadsheet."""

import csv
import io
from html import unescape

import pytest
from django.urls import reverse

from rapport.surveys import services
from rapport.surveys.models import QuestionType

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return unescape(response.content.decode())


def csv_rows(response) -> list[list[str]]:
    assert response.streaming
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def url(name, survey):
    return reverse(f"surveys:{name}", args=["env-sci", survey.pk])


@pytest.fixture
def answered(cast, every_kind):
    survey, q = every_kind
    services.answers_send(
        survey=survey,
        user=cast.learner,
        values={
            q[QuestionType.SHORT_TEXT].pk: '=HYPERLINK("http://evil.test","click")',
            q[QuestionType.LONG_TEXT].pk: "I love rivers",
            q[QuestionType.SINGLE_CHOICE].pk: "Tea",
            q[QuestionType.MULTIPLE_CHOICE].pk: ["Mon", "Fri"],
            q[QuestionType.SCALE].pk: 4,
            q[QuestionType.RANKING].pk: ["Live", "Videos", "Readings"],
            q[QuestionType.TAGS].pk: ["hiking", "music"],
            # Tuesday 18:00–20:00 in Chicago (winter): Wednesday 00:00–02:00 UTC.
            q[QuestionType.AVAILABILITY].pk: [[2, 0, 120]],
        },
    )
    return survey, q


def test_results_count_who_answered_and_name_who_has_not(cast, client_for, answered):
    survey, q = answered
    page = text(client_for("ta").get(url("results", survey)))
    assert "<strong>1</strong> of 2 learners sent their answers (50%)" in page
    assert "Not sent yet (1)" in page
    assert "Other_Learner" in page
    assert '<span class="tally__label">Tea</span>' in page and "(100%)" in page
    assert "Average <strong>4.0</strong> out of 5" in page
    assert "hiking" in page and "music" in page
    assert "average place 1.0" in page
    assert "I love rivers" in page
    assert "Learner" in page  # named surveys show who wrote what


def test_availability_results_are_in_the_course_time_zone(cast, client_for, answered):
    survey, _ = answered
    page = text(client_for("instructor").get(url("results", survey)))
    assert "Times are in the course's time zone (America/Chicago)" in page
    assert 'class="heat heat--1">1</td>' in page


def test_anonymous_results_show_counts_and_words_but_no_names(cast, client_for, pace, settings):
    settings.SURVEY_ANONYMOUS_MIN_ANSWERS = 1  # batching has its own tests
    survey, q = pace
    for learner, scale in ((cast.learner, 2), (cast.other_learner, 4)):
        services.answers_send(
            survey=survey, user=learner, values={q["scale"].pk: scale, q["words"].pk: "More labs"}
        )
    page = text(client_for("instructor").get(url("results", survey)))
    assert "<strong>2</strong> of 2 learners sent their answers" in page
    assert "Average <strong>3.0</strong>" in page
    assert "More labs" in page
    assert "Not sent yet" not in page
    for name in ("Learner", "Other_Learner"):
        assert f">{name}<" not in page


def test_the_export_streams_every_sent_response_with_names(cast, client_for, answered):
    survey, _ = answered
    response = client_for("ta").get(url("export", survey))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="everything-answers.csv"'
    header, row = csv_rows(response)
    assert header[:3] == ["Name", "Email", "Sent (America/Chicago)"]
    assert header[3:] == list(survey.questions.values_list("prompt", flat=True))
    assert row[:2] == ["Learner", "learner@example.test"]
    assert "Tuesday 18:00–20:00" in row


def test_the_export_neutralises_spreadsheet_formulas(cast, client_for, answered):
    survey, _ = answered
    cast.learner.preferred_name = "@SUM(A1:A9)"
    cast.learner.save()
    _, row = csv_rows(client_for("ta").get(url("export", survey)))
    assert row[0] == "'@SUM(A1:A9)"
    assert row[3] == '\'=HYPERLINK("http://evil.test","click")'
    from rapport.core.csvsafe import neutralise

    for risky in ("=1+1", "+1", "-1", "@x", "\tx", "\rx"):
        assert neutralise(risky) == "'" + risky
    assert neutralise("Fine = fine") == "Fine = fine"


def test_the_anonymous_export_has_no_name_or_email_columns(cast, client_for, pace, settings):
    settings.SURVEY_ANONYMOUS_MIN_ANSWERS = 1  # batching has its own tests
    survey, q = pace
    services.answers_send(survey=survey, user=cast.learner, values={q["scale"].pk: 3})
    rows = csv_rows(client_for("instructor").get(url("export", survey)))
    assert rows[0] == ["Response", "How is the pace?", "Anything else?"]
    assert rows[1] == ["1", "3 of 5", ""]
    flat = "".join("".join(row) for row in rows)
    assert cast.learner.email not in flat and "Learner" not in flat


def test_learners_download_only_their_own_answers(cast, client_for, answered):
    survey, _ = answered
    rows = csv_rows(client_for("learner").get(url("my_answers", survey)))
    assert rows[0] == ["Question", "My answer"]
    assert ["Tea or coffee?", "Tea"] in rows
    theirs = csv_rows(client_for("other_learner").get(url("my_answers", survey)))
    assert all(answer == "" for _, answer in theirs[1:])


def test_anonymous_answers_cannot_be_downloaded_by_anyone_as_theirs(cast, client_for, pace):
    survey, q = pace
    services.answers_send(survey=survey, user=cast.learner, values={q["scale"].pk: 3})
    assert client_for("learner").get(url("my_answers", survey)).status_code == 404


def test_learners_see_their_surveys_waiting_first(cast, client_for, intro_answered, pace):
    page = text(client_for("learner").get(reverse("surveys:list", args=["env-sci"])))
    assert page.index("How's the pace?") < page.index("Getting to know you")
    assert "Waiting for you" in page and "Sent" in page


def test_staff_see_every_survey_with_its_status(cast, client_for, intro_answered):
    services.survey_create(course=cast.course, author=cast.instructor, title="Draft one")
    page = text(client_for("ta").get(reverse("surveys:list", args=["env-sci"])))
    assert "Draft one" in page and "Draft" in page
    assert "Getting to know you" in page and "1 of 2" in page


def test_a_written_questions_answers_show_a_few_then_all_a_page_at_a_time(
    cast, client_for, every_kind
):
    from rapport.factories import MembershipFactory, UserFactory
    from rapport.surveys.views.results import TEXTS_PER_PAGE, TEXTS_SHOWN

    survey, q = every_kind
    words = q[QuestionType.LONG_TEXT]
    for n in range(TEXTS_PER_PAGE + 2):
        learner = UserFactory(preferred_name=f"Ren {n:02d}")
        MembershipFactory(course=cast.course, user=learner, role="learner")
        services.answers_send(survey=survey, user=learner, values={words.pk: f"Thought {n:02d}"})
    client = client_for("instructor")
    page = text(client.get(url("results", survey)))
    assert page.count("Thought ") == TEXTS_SHOWN
    assert f"Read all {TEXTS_PER_PAGE + 2} answers" in page
    first = text(client.get(url("results", survey), {"question": words.pk}))
    assert first.count("Thought ") == TEXTS_PER_PAGE
    assert f"?page=2&question={words.pk}" in first
    second = text(client.get(url("results", survey), {"question": words.pk, "page": 2}))
    assert second.count("Thought ") == 2 and "Thought 51" in second  # by name: Ren 50, 51
