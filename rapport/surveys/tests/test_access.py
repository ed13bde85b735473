"""Who may reach which survey page — the rows this app adds to the shared role matrix
(rapport/core/tests/test_role_matrix.py), walked here with the same harness — and the
privacy of each learner's answers."""

from html import unescape

import pytest
from django.urls import get_resolver, reverse

from rapport.surveys import intro as keys
from rapport.surveys.testing import survey_answered_by

pytestmark = pytest.mark.django_db

# The shared matrix's helpers, repeated so this file does not import the other apps' test
# fixtures through it.
ROLES = ("anonymous", "outsider", "learner", "other_learner", "ta", "instructor")
LOGIN = "login"


def members_only(status=200):
    return {"anonymous": LOGIN, "outsider": 404} | dict.fromkeys(
        ("learner", "other_learner", "ta", "instructor"), status
    )


def staff_only(status=200, ta=None):
    return {
        "anonymous": LOGIN,
        "outsider": 404,
        "learner": 404,
        "other_learner": 404,
        "ta": status if ta is None else ta,
        "instructor": status,
    }


def survey_routes() -> dict[str, str]:
    resolver = get_resolver().namespace_dict["surveys"][1]
    return {f"surveys:{pattern.name}": str(pattern.pattern) for pattern in resolver.url_patterns}


# The ids in these URLs point at the course's intro survey, answered and sent by
# cast.learner, and at its (required) goals question.
SURVEY_ROWS = {
    "surveys:list": {"GET": members_only(), "POST": members_only(405)},
    "surveys:new": {"GET": staff_only(), "POST": staff_only(200)},
    "surveys:intro_new": {"GET": staff_only(405), "POST": staff_only(302)},
    # Staff get a preview: checked, never saved, shown again (200).
    "surveys:answer": {
        "GET": members_only(),
        "POST": members_only(302) | {"ta": 200, "instructor": 200},
    },
    # cast.learner has sent a required answer, so emptying it is refused (200 with why).
    "surveys:answer_question": {
        "GET": members_only(405),
        "POST": members_only(302) | {"learner": 200},
    },
    "surveys:edit": {"GET": staff_only(), "POST": staff_only(200)},
    "surveys:publish": {"GET": staff_only(405), "POST": staff_only(302)},
    "surveys:close": {"GET": staff_only(405), "POST": staff_only(302)},
    "surveys:delete": {"GET": staff_only(405), "POST": staff_only(302)},
    "surveys:results": {"GET": staff_only(), "POST": staff_only(405)},
    "surveys:export": {"GET": staff_only(), "POST": staff_only(405)},
    # Everyone downloads only their own answers.
    "surveys:my_answers": {"GET": members_only(), "POST": members_only(405)},
    "surveys:question_new": {"GET": staff_only(), "POST": staff_only(200)},
    "surveys:reorder": {"GET": staff_only(405), "POST": staff_only(302)},
    "surveys:question_edit": {"GET": staff_only(), "POST": staff_only(200)},
    "surveys:question_delete": {"GET": staff_only(405), "POST": staff_only(302)},
    "surveys:question_move": {"GET": staff_only(405), "POST": staff_only(302)},
}


def survey_ids(cast) -> dict:
    survey = survey_answered_by(cast.learner, course=cast.course)
    return {"survey_id": survey.pk, "question_id": survey.questions.get(key=keys.GOALS).pk}


def test_every_survey_url_has_a_row_and_is_a_course_url():
    routes = survey_routes()
    assert set(routes) == set(SURVEY_ROWS)
    assert all(route.startswith("c/<slug:course_slug>/") for route in routes.values())


CASES = [
    (name, method, role)
    for name, methods in sorted(SURVEY_ROWS.items())
    for method in methods
    for role in ROLES
]


@pytest.mark.parametrize("name,method,role", CASES)
def test_survey_role_matrix(name, method, role, cast, client_for):
    ids = survey_ids(cast)
    client = client_for(role)
    route = survey_routes()[name]
    kwargs = {"course_slug": cast.course.slug} | {k: v for k, v in ids.items() if k in route}
    url = reverse(name, kwargs=kwargs)
    response = client.get(url) if method == "GET" else client.post(url, {})
    expected = SURVEY_ROWS[name][method][role]
    if expected == LOGIN:
        assert response.status_code == 302, f"{role} {method} {url}"
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == expected, f"{role} {method} {url}"


def page(client, survey) -> str:
    url = reverse("surveys:answer", args=[survey.course.slug, survey.pk])
    return unescape(client.get(url).content.decode())


def test_learners_never_see_each_others_answers(cast, client_for, intro_answered):
    theirs = page(client_for("other_learner"), intro_answered)
    assert "Understand wildfire smoke." not in theirs
    assert "Night shifts." not in theirs
    mine = page(client_for("learner"), intro_answered)
    assert "Understand wildfire smoke." in mine and "Night shifts." in mine


def test_staff_of_another_course_never_reach_the_answers(cast, client_for, intro_answered):
    client = client_for("outsider")
    for name in ("results", "export", "answer", "edit"):
        url = reverse(f"surveys:{name}", args=[cast.course.slug, intro_answered.pk])
        assert client.get(url).status_code == 404
    # Not even through their own course's address.
    url = reverse("surveys:results", args=[cast.other_course.slug, intro_answered.pk])
    assert client.get(url).status_code == 404


def test_a_question_of_another_survey_is_not_found(cast, client_for, intro_answered, pace):
    survey, questions = pace
    url = reverse(
        "surveys:answer_question", args=["env-sci", intro_answered.pk, questions["scale"].pk]
    )
    assert client_for("learner").post(url, {}).status_code == 404
