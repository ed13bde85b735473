"""Anonymous surveys keep no link from an answer to its person — not in any row, not in
the answers, not in their order or their times."""

import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers

from rapport.core.models import Touchpoint
from rapport.core.refusals import Refused
from rapport.surveys import services
from rapport.surveys.models import Answer, Participation, Response
from rapport.surveys.services import AnswersInvalid

pytestmark = pytest.mark.django_db


def send(survey, questions, user, scale=4, words="Slow down a little, please"):
    services.answers_send(
        survey=survey,
        user=user,
        values={questions["scale"].pk: scale, questions["words"].pk: words},
    )


def test_after_answering_nothing_links_the_answers_to_the_person(cast, pace):
    survey, questions = pace
    send(survey, questions, cast.learner)
    send(survey, questions, cast.other_learner, scale=2, words="All good")

    assert Response.objects.filter(survey=survey).count() == 2
    assert not Response.objects.filter(respondent__isnull=False).exists()
    participations = Participation.objects.filter(survey=survey)
    assert participations.filter(submitted_at__isnull=False).count() == 2
    assert not participations.filter(response__isnull=False).exists()
    # Every response carries the survey's opening time, not the moment of answering.
    stamps = {r.submitted_at for r in Response.objects.all()} | {
        a.updated_at for a in Answer.objects.all()
    }
    assert stamps == {survey.anonymous_stamp}

    # No survey table other than Participation (which records *that* they answered) holds
    # their id, email or name — in a column or inside the answers' JSON.
    user_model = get_user_model()
    learner = cast.learner
    for model in apps.get_app_config("surveys").get_models():
        if model is Participation:
            continue
        for field in model._meta.get_fields():
            if getattr(field, "related_model", None) is user_model and field.concrete:
                assert not model.objects.filter(**{field.name: learner}).exists(), (
                    model,
                    field,
                )
        dumped = serializers.serialize("json", model.objects.all())
        for secret in (learner.email, learner.display_name, learner.full_name):
            assert secret not in dumped, (model, secret)
    for answer in Answer.objects.all():
        text = json.dumps(answer.value)
        assert learner.email not in text and str(learner.pk) not in text.split('"')
    assert not Touchpoint.objects.filter(actor=learner).exists()


def test_anonymous_answers_are_saved_only_when_sent(cast, pace):
    survey, questions = pace
    with pytest.raises(Refused, match="only when you send them"):
        services.answer_save(survey=survey, question=questions["scale"], user=cast.learner, value=3)
    with pytest.raises(Refused, match="only when you send them"):
        services.answers_save(survey=survey, user=cast.learner, values={})
    assert not Response.objects.exists()


def test_anonymous_sending_checks_everything_first(cast, pace):
    survey, questions = pace
    with pytest.raises(AnswersInvalid) as refusal:
        send(survey, questions, cast.learner, scale=9)
    assert refusal.value.errors == {questions["scale"].pk: "Choose a number from 1 to 5."}
    with pytest.raises(AnswersInvalid, match="Almost there"):
        services.answers_send(
            survey=survey, user=cast.learner, values={questions["words"].pk: "Hi"}
        )
    assert not Response.objects.exists()
    assert not Participation.objects.filter(submitted_at__isnull=False).exists()


def test_anonymous_answers_cannot_be_sent_twice_or_changed(cast, pace):
    survey, questions = pace
    send(survey, questions, cast.learner)
    with pytest.raises(Refused, match="already sent"):
        send(survey, questions, cast.learner, scale=1)
    assert Response.objects.count() == 1
    assert Answer.objects.get(question=questions["scale"]).value == 4
