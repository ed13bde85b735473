"""Every connection indicator on a hand-built ledger, with the sentence that explains it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rapport.core.kinds import TouchpointKind as K
from rapport.courses.models import Role
from rapport.factories import MembershipFactory, UserFactory
from rapport.radar.indicators import course_indicators
from rapport.radar.tests.ledgers import NOW, checkin, days_ago, joined, moment

pytestmark = pytest.mark.django_db


def of(course, user):
    [found] = [i for i in course_indicators(course=course, now=NOW) if i.user == user]
    return found


@pytest.fixture
def course(cast):
    joined(cast.course, cast.learner, cast.other_learner, cast.instructor, cast.ta)
    return cast.course


def test_days_since_personal_contact_ignores_broadcasts_and_reactions(course, cast):
    moment(course, K.PERSONAL_MESSAGE, cast.instructor, cast.learner, days=16.2)
    checkin(course, cast.instructor, days=2, target=cast.outsider)
    moment(course, K.MESSAGE_REACTION, cast.instructor, cast.learner, days=1)
    learner = of(course, cast.learner)
    assert learner.days_since_personal_contact == 16
    assert learner.sentences()["personal_contact"] == (
        "Last personal contact from the teaching team was 16 days ago."
    )
    assert of(course, cast.other_learner).days_since_personal_contact is None


def test_a_classmate_is_not_a_personal_staff_contact(course, cast):
    moment(course, K.PERSONAL_MESSAGE, cast.other_learner, cast.learner, days=1)
    assert of(course, cast.learner).days_since_personal_contact is None


def test_personal_contacts_this_term_count_from_the_course_start(course, cast):
    course.starts_on = days_ago(30).date()
    course.save()
    moment(course, K.FEEDBACK_GIVEN, cast.ta, cast.learner, days=45)  # before the term
    moment(course, K.FEEDBACK_GIVEN, cast.ta, cast.learner, days=20)
    moment(course, K.SHOUTOUT, cast.instructor, cast.learner, days=3)
    moment(course, K.HELP_FOLLOWED_UP, cast.instructor, cast.learner, days=2)
    learner = of(course, cast.learner)
    assert learner.personal_contacts_this_term == 3
    assert learner.sentences()["contacts_this_term"].startswith("3 personal contacts")


def test_peer_interactions_given_received_and_distinct_classmates(course, cast):
    third = UserFactory()
    MembershipFactory(course=course, user=third, role=Role.LEARNER)
    joined(course, third)
    moment(course, K.SHOUTOUT, cast.learner, cast.other_learner)
    moment(course, K.POST_REACTION, cast.learner, cast.other_learner)
    moment(course, K.POST_REPLY, third, cast.learner)
    moment(course, K.POST_REPLY, cast.instructor, cast.learner)  # staff: not a peer
    learner = of(course, cast.learner)
    assert (learner.peer_given, learner.peer_received, learner.distinct_classmates) == (2, 1, 2)
    assert learner.sentences()["peers"] == (
        "Gave classmates 2 interactions, received 1, with 2 different classmates."
    )


def test_no_classmate_has_replied_to_someone_who_posted(course, cast):
    moment(course, K.TOPIC_STARTED, cast.learner, days=5)
    moment(course, K.POST_REACTION, cast.other_learner, cast.learner)  # a reaction, no reply
    learner = of(course, cast.learner)
    assert learner.posts == 1 and learner.classmate_replies_received == 0
    assert "no classmate has replied to them yet" in learner.sentences()["classmate_replies"]
    moment(course, K.POST_REPLY, cast.other_learner, cast.learner)
    assert of(course, cast.learner).classmate_replies_received == 1


def test_participation_this_week_against_their_own_four_week_baseline(course, cast):
    for week in range(1, 5):
        for n in range(4):
            moment(course, K.RITUAL_ANSWERED, cast.learner, days=7 * week + 1 + n)
    moment(course, K.REFLECTION, cast.learner, cast.learner, days=2)
    learner = of(course, cast.learner)
    assert learner.participation_this_week == 1
    assert learner.participation_baseline == 4
    assert learner.participation_dropped
    assert learner.sentences()["participation"] == (
        "Took part 1 time this week, against about 4 a week before."
    )


def test_a_newcomer_has_no_baseline_yet(course, cast):
    joined(course, cast.learner, days=3)
    moment(course, K.REFLECTION, cast.learner, cast.learner, days=1)
    learner = of(course, cast.learner)
    assert learner.participation_baseline is None and not learner.participation_dropped


def test_mood_down_two_weeks_running_from_the_scores_on_the_ledger(course, cast):
    for days, score in [(17, 4), (16, 5), (10, 4), (9, 3), (3, 2), (1, 2)]:
        moment(course, K.MOOD_CHECKIN, cast.learner, cast.learner, days=days, value=score)
    learner = of(course, cast.learner)
    assert learner.mood_by_week == [2.0, 3.5, 4.5]
    assert learner.mood_down_weeks == 2
    assert learner.sentences()["mood"] == "Mood down two weeks running (now 2.0 of 5)."


def test_mood_recorded_by_the_mood_service_carries_its_score(course, cast):
    from rapport.community.checkins.services import mood_record

    mood_record(course=course, learner=cast.learner, score=2, now=days_ago(1))
    assert of(course, cast.learner).mood_by_week[0] == 2


def test_open_help_requests_close_when_staff_follow_up(course, cast):
    from rapport.community.checkins.services import help_requests_follow_up, mood_record

    mood_record(course=course, learner=cast.learner, score=2, wants_help=True, now=days_ago(6))
    learner = of(course, cast.learner)
    assert learner.open_help_requests == 1
    assert learner.sentences()["help"].endswith("nobody has followed up yet.")
    help_requests_follow_up(course=course, learner=cast.learner, staff=cast.ta, now=days_ago(5))
    learner = of(course, cast.learner)
    assert learner.open_help_requests == 0
    # Following up reached them personally.
    assert learner.days_since_personal_contact == 5


def test_intro_survey_answered_or_not(course, cast):
    moment(course, K.SURVEY_ANSWERED, cast.learner, cast.learner, days=20)
    assert of(course, cast.learner).intro_survey_answered
    other = of(course, cast.other_learner)
    assert not other.intro_survey_answered
    assert other.sentences()["intro_survey"] == "Has not answered the getting-to-know-you survey."


def test_checkins_not_opened_in_a_row_counts_only_those_since_joining(course, cast):
    first, second, third = UserFactory(), UserFactory(), UserFactory()  # stand-in objects
    checkin(course, cast.instructor, days=20, target=first)
    checkin(course, cast.instructor, days=13, target=second)
    checkin(course, cast.instructor, days=6, target=third)
    moment(course, K.CHECKIN_OPENED, cast.learner, cast.instructor, days=19, target=first)
    moment(course, K.CHECKIN_WATCHED, cast.other_learner, cast.instructor, days=5, target=third)
    learner = of(course, cast.learner)
    assert learner.checkins_not_opened_in_a_row == 2
    assert learner.sentences()["checkins"] == "Has not opened the last two check-ins."
    assert of(course, cast.other_learner).checkins_not_opened_in_a_row == 0
    joined(course, cast.learner, days=10)
    assert of(course, cast.learner).checkins_not_opened_in_a_row == 1


def test_opening_a_checkin_records_it_on_the_ledger(course, cast):
    from rapport.core.models import Touchpoint
    from rapport.presence import services as presence

    message = presence.checkin_post(
        course=course, author=cast.instructor, title="Week 3", body="Hello all"
    )
    presence.message_open(message=message, user=cast.learner)
    presence.message_open(message=message, user=cast.learner)
    assert Touchpoint.objects.filter(kind=K.CHECKIN_OPENED, actor=cast.learner).count() == 1


def test_milestones_coming_up(course, cast):
    course.starts_on = days_ago(40).date()
    course.ends_on = (NOW + (NOW - days_ago(46))).date()
    course.save()
    for n in range(4):
        moment(
            course,
            K.CHECKIN_WATCHED,
            cast.learner,
            cast.instructor,
            target=UserFactory(),
            days=n + 1,
        )
    learner = of(course, cast.learner)
    assert any(m.startswith("halfway through the course on") for m in learner.milestones_coming_up)
    assert "one check-in away from their fifth watched" in learner.milestones_coming_up
    assert learner.sentences()["milestones"].startswith("Coming up: halfway")


def _course_of(learners: int, instructor):
    from rapport.factories import CourseFactory

    course = CourseFactory()
    MembershipFactory(course=course, user=instructor, role=Role.INSTRUCTOR)
    people = [UserFactory() for _ in range(learners)]
    for person in people:
        MembershipFactory(course=course, user=person, role=Role.LEARNER)
    joined(course, *people)
    target = UserFactory()
    checkin(course, instructor, days=3, target=target)
    for i, person in enumerate(people):
        moment(course, K.PERSONAL_MESSAGE, instructor, person, days=i % 20)
        moment(course, K.POST_REPLY, person, people[i - 1], days=2)
        moment(course, K.MOOD_CHECKIN, person, person, days=i % 15, value=3)
        moment(course, K.HELP_REQUESTED, person, person, days=4)
        moment(course, K.SURVEY_ANSWERED, person, person, days=30)
        moment(course, K.CHECKIN_WATCHED, person, instructor, days=1, target=target)
    return course


def _queries(course) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert course_indicators(course=course, now=NOW)
    return len(queries)


def test_the_whole_course_costs_the_same_queries_for_10_or_60_learners(cast):
    small, large = _course_of(10, cast.instructor), _course_of(60, cast.instructor)
    assert _queries(small) == _queries(large) <= 12
