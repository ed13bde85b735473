"""Live services: opening a session, answering each kind (normalised, checked, blocked),
one answer per participant however often they change it, lock and reset, upvotes, the
ledger only for named activities, and closing."""

from datetime import timedelta

import pytest
import time_machine
from django.db import IntegrityError
from django.utils import timezone

from rapport.core.kinds import TouchpointKind
from rapport.core.models import Touchpoint
from rapport.core.refusals import Refused
from rapport.live import selectors, services
from rapport.live.models import Activity, ActivityKind, Answer, LiveSession, Participant, Upvote
from rapport.live.services.words import normalise_word
from rapport.live.testing import activity_make, member, session_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(cast):
    return session_make(cast, blocklist="badword")


def _learner(cast, session, who="learner"):
    return services.participant_for_member(session=session, user=getattr(cast, who))


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  Tired! ", "tired"),
        ("HOPEFUL", "hopeful"),
        ("well-being", "wellbeing"),
        ("¡Hola!", "hola"),
    ],
)
def test_one_word_is_trimmed_lower_cased_and_stripped_of_punctuation(typed, stored):
    assert normalise_word(typed) == stored


@pytest.mark.parametrize("typed", ["", "   ", "!!!", "two words", "a" * 25, 3, None])
def test_anything_but_one_short_word_is_refused(typed):
    with pytest.raises(Refused):
        normalise_word(typed)


def test_a_session_gets_an_unambiguous_code_that_expires(cast, session):
    assert len(session.join_code) == 6 and not set(session.join_code) & set("01OIL5S2Z8B")
    assert session.code_is_valid()
    assert not session.code_is_valid(at=timezone.now() + timedelta(hours=4))


def test_a_learner_cannot_open_a_session(cast):
    with pytest.raises(Refused):
        services.session_create(
            course=cast.course, member=member(cast.learner, cast.course), title="Mine"
        )


def test_the_first_activity_goes_on_screen_and_next_and_previous_step(cast, session):
    first = activity_make(cast, session)
    second = services.activity_add_from_bank(
        session=session, member=member(cast.ta, cast.course), key="arriving"
    )
    session.refresh_from_db()
    assert session.current_activity == first
    assert (second.kind, second.anonymous) == (ActivityKind.MOOD, True)
    host = member(cast.instructor, cast.course)
    assert services.activity_go(session=session, member=host, to="next") == second
    with pytest.raises(Refused, match="last"):
        services.activity_go(session=session, member=host, to="next")
    assert services.activity_go(session=session, member=host, to="previous") == first


def test_a_poll_needs_two_different_choices(cast, session):
    with pytest.raises(Refused, match="choices"):
        activity_make(cast, session, ActivityKind.POLL, choices=["Yes", "Yes", " "])


def test_one_answer_per_participant_and_a_change_replaces_it(cast, session):
    activity = activity_make(cast, session)
    ana = _learner(cast, session)
    services.answer_give(activity=activity, participant=ana, value="Tired")
    services.answer_give(activity=activity, participant=ana, value="hopeful.")
    answers = list(Answer.objects.filter(activity=activity))
    assert [(a.text, a.participant) for a in answers] == [("hopeful", ana)]
    with pytest.raises(IntegrityError):
        Answer.objects.create(activity=activity, participant=ana, respondent="other", text="x")


def test_a_blocked_word_is_refused_with_a_clear_message(cast, session):
    activity = activity_make(cast, session, blocklist="meh")
    ana = _learner(cast, session)
    for word in ("BadWord", "meh!"):
        with pytest.raises(Refused, match="can't go on the class screen"):
            services.answer_give(activity=activity, participant=ana, value=word)
    assert not Answer.objects.exists()


@pytest.mark.parametrize(
    ("kind", "good", "bad"),
    [
        (ActivityKind.POLL, "About right", "Sideways"),
        (ActivityKind.SCALE, 4, 6),
        (ActivityKind.SCALE, "2", True),
        (ActivityKind.MOOD, "okay", "ecstatic"),
        (ActivityKind.OPEN, "More examples please", "   "),
    ],
)
def test_each_kind_takes_only_its_own_answers(cast, session, kind, good, bad):
    activity = activity_make(cast, session, kind)
    ana = _learner(cast, session)
    with pytest.raises(Refused):
        services.answer_give(activity=activity, participant=ana, value=bad)
    services.answer_give(activity=activity, participant=ana, value=good)
    assert Answer.objects.filter(activity=activity).count() == 1


def test_a_locked_activity_refuses_answers_and_changes(cast, session):
    activity = activity_make(cast, session)
    ana = _learner(cast, session)
    services.answer_give(activity=activity, participant=ana, value="tired")
    services.activity_lock(activity=activity, member=member(cast.ta, cast.course), locked=True)
    with pytest.raises(Refused, match="closed"):
        services.answer_give(activity=activity, participant=ana, value="fine")
    assert Answer.objects.get().text == "tired"


def test_an_activity_off_screen_refuses_answers(cast, session):
    first = activity_make(cast, session)
    activity_make(cast, session, prompt="Another")
    services.activity_go(session=session, member=member(cast.ta, cast.course), to="next")
    with pytest.raises(Refused, match="on screen"):
        services.answer_give(activity=first, participant=_learner(cast, session), value="hi")


def test_reset_deletes_the_answers_and_hides_results(cast, session):
    activity = activity_make(cast, session)
    services.answer_give(activity=activity, participant=_learner(cast, session), value="tired")
    host = member(cast.instructor, cast.course)
    services.activity_reveal(activity=activity, member=host, visible=True)
    services.activity_reset(activity=activity, member=host)
    activity.refresh_from_db()
    assert not activity.answers.exists() and not activity.results_visible


def test_a_learner_cannot_lock_reveal_or_reset(cast, session):
    activity = activity_make(cast, session)
    learner = member(cast.learner, cast.course)
    with pytest.raises(Refused):
        services.activity_lock(activity=activity, member=learner, locked=True)
    with pytest.raises(Refused):
        services.activity_reveal(activity=activity, member=learner, visible=True)
    with pytest.raises(Refused):
        services.activity_reset(activity=activity, member=learner)


def test_a_named_answer_is_in_the_ledger_once_however_often_it_changes(cast, session):
    activity = activity_make(cast, session)
    ana = _learner(cast, session)
    for word in ("tired", "hopeful", "ready"):
        services.answer_give(activity=activity, participant=ana, value=word)
    touchpoints = Touchpoint.objects.filter(kind=TouchpointKind.LIVE_ANSWERED)
    assert [(t.actor, t.object_id) for t in touchpoints] == [(cast.learner, str(activity.pk))]


def test_an_anonymous_answer_names_nobody_and_is_not_in_the_ledger(cast, session):
    activity = activity_make(cast, session, ActivityKind.MOOD, anonymous=True)
    ana = _learner(cast, session)
    services.answer_give(activity=activity, participant=ana, value="low")
    services.answer_give(activity=activity, participant=ana, value="okay")
    answer = Answer.objects.get()
    assert answer.participant is None and answer.respondent != f"p{ana.pk}"
    assert len(answer.respondent) == 64 and answer.text == "okay"
    assert not Touchpoint.objects.filter(kind=TouchpointKind.LIVE_ANSWERED).exists()
    assert selectors.own_answer(activity, ana)["answer"]["text"] == "okay"


def test_the_same_person_hashes_differently_in_two_anonymous_activities(cast, session):
    one = activity_make(cast, session, anonymous=True)
    two = activity_make(cast, session, anonymous=True, prompt="Another")
    ana = _learner(cast, session)
    assert one.respondent_for(ana.pk) != two.respondent_for(ana.pk)


def test_closing_erases_the_salts_so_anonymous_answers_stay_unlinkable(cast, session):
    activity = activity_make(cast, session, anonymous=True)
    services.answer_give(activity=activity, participant=_learner(cast, session), value="ok")
    services.session_close(session=session, member=member(cast.instructor, cast.course))
    activity.refresh_from_db()
    assert activity.salt == "" and Answer.objects.count() == 1
    assert selectors.open_session_for(course=cast.course) is None


def test_upvotes_count_once_each_and_not_on_ones_own_answer(cast, session):
    activity = activity_make(cast, session, ActivityKind.OPEN, prompt="Looking forward to?")
    ana, ben = _learner(cast, session), _learner(cast, session, "other_learner")
    mine = services.answer_give(activity=activity, participant=ana, value="The field trip")
    host = member(cast.instructor, cast.course)
    with pytest.raises(Refused, match="aren't showing"):
        services.upvote_toggle(answer_id=mine.pk, participant=ben)
    services.activity_reveal(activity=activity, member=host, visible=True)
    assert services.upvote_toggle(answer_id=mine.pk, participant=ben) is True
    with pytest.raises(Refused, match="own"):
        services.upvote_toggle(answer_id=mine.pk, participant=ana)
    assert selectors.results(activity)["answers"] == [
        {"id": mine.pk, "text": "The field trip", "votes": 1}
    ]
    assert services.upvote_toggle(answer_id=mine.pk, participant=ben) is False
    assert not Upvote.objects.exists()


def test_an_outsider_cannot_take_part(cast, session):
    with pytest.raises(Refused):
        services.participant_for_member(session=session, user=cast.outsider)


def test_a_guest_joins_with_the_code_until_it_expires(cast):
    session = session_make(cast, guests_allowed=True)
    guest = services.guest_join(code=session.join_code.lower(), name="  Sam  ")
    assert (guest.guest_name, guest.user, len(guest.guest_key)) == ("Sam", None, 32)
    later = timezone.now() + timedelta(hours=4)
    with time_machine.travel(later), pytest.raises(Refused, match="isn't open"):
        services.guest_join(code=session.join_code, name="Late")


def test_guests_need_the_session_to_let_them_in(cast, session):
    with pytest.raises(Refused, match="isn't open"):
        services.guest_join(code=session.join_code, name="Sam")
    assert not Participant.objects.exists()


def test_results_gather_each_kind(cast, session):
    word = activity_make(cast, session)
    people = [_learner(cast, session), _learner(cast, session, "other_learner")]
    people.append(services.participant_for_member(session=session, user=cast.ta))
    for person, typed in zip(people, ["tired", "Tired", "ready"], strict=True):
        services.answer_give(activity=word, participant=person, value=typed)
    cloud = selectors.results(word)["words"]
    assert [(w["word"], w["count"], w["size"]) for w in cloud] == [
        ("ready", 1, 1.0),
        ("tired", 2, 4.0),
    ]
    scale = activity_make(cast, session, ActivityKind.SCALE, prompt="Ready?")
    services.activity_go(session=session, member=member(cast.ta, cast.course), to=scale.pk)
    for person, number in zip(people, [2, 4, 5], strict=True):
        services.answer_give(activity=scale, participant=person, value=number)
    gathered = selectors.results(Activity.objects.get(pk=scale.pk))
    assert gathered["mean"] == 3.7 and [d["count"] for d in gathered["distribution"]] == [
        0,
        1,
        0,
        1,
        1,
    ]
    hidden = selectors.shown_results(scale, gathered, host=False)
    assert hidden == {"answered": 3}


def test_two_open_sessions_never_share_a_code(cast, session, monkeypatch):
    from rapport.live.services import sessions

    codes = iter([session.join_code, "ACDEFG"])
    monkeypatch.setattr(sessions, "new_code", lambda: next(codes))
    second = session_make(cast)
    assert second.join_code == "ACDEFG"
    assert LiveSession.objects.filter(closed_at__isnull=True).count() == 2


@pytest.mark.parametrize("kind", [ActivityKind.WORD, ActivityKind.OPEN, ActivityKind.SCALE])
def test_gathering_results_takes_the_same_queries_for_3_or_30_answers(
    cast, session, kind, django_assert_num_queries
):
    activity = activity_make(cast, session, kind, prompt="Q")
    services.activity_go(session=session, member=member(cast.ta, cast.course), to=activity.pk)
    values = {ActivityKind.SCALE: [1, 3, 5]}.get(kind, ["alpha", "beta", "gamma"])
    for n in range(30):
        guest = Participant.objects.create(session=session, guest_name=f"G{n}", guest_key=f"k{n}")
        services.answer_give(activity=activity, participant=guest, value=values[n % 3])
        if n == 2:
            with django_assert_num_queries(1):
                selectors.results(activity)
    with django_assert_num_queries(1):
        assert selectors.results(activity)["answered"] == 30
