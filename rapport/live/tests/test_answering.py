"""Answers given in a batch: each checked as a single answer is, the same respondent's last
one counting, changes replacing answers (and their upvotes when the text changed), the
ledger once per named activity per member and never for anonymous ones, and a fixed number
of queries whatever the batch's size."""

import pytest
from django.db import IntegrityError

from rapport.core.kinds import TouchpointKind
from rapport.core.models import Touchpoint
from rapport.core.refusals import Refused
from rapport.courses.models import Role
from rapport.factories import MembershipFactory, UserFactory
from rapport.live import services
from rapport.live.models import ActivityKind, Answer, Participant, Upvote
from rapport.live.services import AnswerItem
from rapport.live.services import answering as answering_module
from rapport.live.testing import activity_make, member, session_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(cast):
    return session_make(cast, blocklist="badword")


def _joined(cast, session, who):
    return services.participant_for_member(session=session, user=getattr(cast, who))


def _learners(cast, session, count: int, start: int = 0) -> list[Participant]:
    people = []
    for n in range(start, start + count):
        user = UserFactory(email=f"batch-{n}@example.test")
        MembershipFactory(course=cast.course, user=user, role=Role.LEARNER)
        people.append(services.participant_for_member(session=session, user=user))
    return people


def _ledger(activity) -> list[int]:
    return sorted(
        Touchpoint.objects.filter(
            kind=TouchpointKind.LIVE_ANSWERED, object_id=str(activity.pk)
        ).values_list("actor_id", flat=True)
    )


def test_a_mixed_batch_gives_each_answer_its_own_outcome(cast, session):
    word = activity_make(cast, session)  # on screen
    ana = _joined(cast, session, "learner")
    ben = _joined(cast, session, "other_learner")
    guest = Participant.objects.create(session=session, guest_name="Sam", guest_key="k")
    services.answer_give(activity=word, participant=ben, value="sleepy")
    given = services.answers_give_many(
        [
            AnswerItem(word.pk, ana, "Tired!"),
            AnswerItem(word.pk, guest, "two words"),
            AnswerItem(word.pk, guest, "badword"),
            AnswerItem(word.pk, ben, "awake"),
            AnswerItem(word.pk, ana, "hopeful"),
            AnswerItem(word.pk + 99, guest, "hi"),
            AnswerItem(word.pk, guest, "curious", session_id=session.pk + 1),
        ]
    )
    assert [type(outcome).__name__ for outcome in given] == [
        "Answer",
        "Refused",
        "Refused",
        "Answer",
        "Answer",
        "Refused",
        "Refused",
    ]
    assert [given[i].code for i in (1, 2, 5, 6)] == ["bad", "blocked", "gone", "gone"]
    # Ana twice in one batch: the last counts, and both are told so.
    assert given[0] is given[4] and given[4].text == "hopeful"
    assert given[3].text == "awake" and given[3].pk == Answer.objects.get(participant=ben).pk
    assert dict(Answer.objects.values_list("participant", "text")) == {
        ana.pk: "hopeful",
        ben.pk: "awake",
    }
    # Ben had answered before the batch: the ledger has him once, Ana once, the guest never.
    assert _ledger(word) == sorted([cast.learner.pk, cast.other_learner.pk])


def test_a_locked_activity_refuses_the_whole_batchs_answers(cast, session):
    word = activity_make(cast, session)
    ana = _joined(cast, session, "learner")
    services.activity_lock(activity=word, member=member(cast.ta, cast.course), locked=True)
    (given,) = services.answers_give_many([AnswerItem(word.pk, ana, "hi")])
    assert isinstance(given, Refused) and given.code == "locked"
    assert not Answer.objects.exists() and _ledger(word) == []


def test_anonymous_answers_in_a_batch_name_nobody_and_stay_out_of_the_ledger(cast, session):
    mood = activity_make(cast, session, ActivityKind.MOOD, prompt="How?", anonymous=True)
    ana = _joined(cast, session, "learner")
    ben = _joined(cast, session, "other_learner")
    given = services.answers_give_many(
        [AnswerItem(mood.pk, ana, "good"), AnswerItem(mood.pk, ben, "low")]
    )
    assert all(answer.participant_id is None for answer in Answer.objects.all())
    assert {answer.respondent for answer in given} == {
        mood.respondent_for(ana.pk),
        mood.respondent_for(ben.pk),
    }
    assert not Touchpoint.objects.filter(kind=TouchpointKind.LIVE_ANSWERED).exists()


def test_a_changed_open_answer_loses_its_upvotes_and_an_unchanged_one_keeps_them(cast, session):
    question = activity_make(cast, session, ActivityKind.OPEN, prompt="Why?")
    ana = _joined(cast, session, "learner")
    ben = _joined(cast, session, "other_learner")
    services.activity_reveal(activity=question, member=member(cast.ta, cast.course), visible=True)
    first = services.answer_give(activity=question, participant=ana, value="Because")
    kept = services.answer_give(activity=question, participant=ben, value="Trees")
    services.upvote_toggle(answer_id=first.pk, participant=ben)
    services.upvote_toggle(answer_id=kept.pk, participant=ana)
    services.answers_give_many(
        [AnswerItem(question.pk, ana, "Soil matters"), AnswerItem(question.pk, ben, "Trees")]
    )
    assert list(Upvote.objects.values_list("answer_id", flat=True)) == [kept.pk]
    assert Answer.objects.get(pk=first.pk).text == "Soil matters"
    assert _ledger(question) == sorted([cast.learner.pk, cast.other_learner.pk])


@pytest.mark.parametrize("size", [5, 50])
def test_a_batch_costs_the_same_queries_whatever_its_size(
    cast, session, size, django_assert_num_queries
):
    poll = activity_make(cast, session, ActivityKind.POLL, prompt="Pace?")
    people = _learners(cast, session, size + 1)
    changing, people = people[0], people[1:]
    services.answer_give(activity=poll, participant=changing, value="Too slow")
    items = [AnswerItem(poll.pk, person, "About right") for person in people]
    items.append(AnswerItem(poll.pk, changing, "Too fast"))
    # activities, existing answers, insert, memberships, ledger read, ledger insert, the
    # changed answer's upvotes, its update, and the savepoint around them (two)
    with django_assert_num_queries(10):
        given = services.answers_give_many(items)
    assert not any(isinstance(outcome, Refused) for outcome in given)
    assert Answer.objects.filter(activity=poll).count() == size + 1
    assert len(_ledger(poll)) == size + 1


def test_when_the_batch_collides_each_answer_is_given_on_its_own(cast, session, monkeypatch):
    word = activity_make(cast, session)
    ana = _joined(cast, session, "learner")
    ben = _joined(cast, session, "other_learner")
    real, calls = answering_module._save, []

    def collide_once(wanted, outcomes):
        calls.append(len(wanted))
        if len(calls) == 1:
            raise IntegrityError("another process wrote the same respondent")
        return real(wanted, outcomes)

    monkeypatch.setattr(answering_module, "_save", collide_once)
    given = services.answers_give_many(
        [AnswerItem(word.pk, ana, "calm"), AnswerItem(word.pk, ben, "bright")]
    )
    assert calls == [2, 1, 1]
    assert [answer.text for answer in given] == ["calm", "bright"]
    assert _ledger(word) == sorted([cast.learner.pk, cast.other_learner.pk])
