"""What the class does with answers: reactions (the ledger hears once), short replies,
one vote each in a class-vote ritual, and featuring — by staff or by the vote at close."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rapport.community.models.rituals import Featuring, RitualPost, RitualReaction, RitualVote
from rapport.community.rituals import services
from rapport.community.rituals.testing import ritual_make, round_open
from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.models import Notification, Touchpoint
from rapport.core.refusals import Refused
from rapport.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(cast):
    return round_open(ritual_make(course=cast.course, author=cast.instructor), actor=cast.ta)


@pytest.fixture
def vote_round(cast):
    ritual = ritual_make(
        course=cast.course, author=cast.instructor, featuring=Featuring.VOTE, title="Fun Friday"
    )
    return round_open(ritual, actor=cast.instructor)


@pytest.fixture
def post(cast, round_) -> RitualPost:
    """cast.learner's answer."""
    return services.ritual_answer_post(round=round_, author=cast.learner, body="I planted a tree!")


def learner_posts(cast, round_, count: int) -> list[RitualPost]:
    people = [cast.learner, cast.other_learner]
    people += [MembershipFactory(course=cast.course).user for _ in range(count - 2)]
    return [
        services.ritual_answer_post(
            round=round_, author=person, body=f"Answer from {person.display_name}"
        )
        for person in people[:count]
    ]


# --- reactions ------------------------------------------------------------------------------


def test_reacting_toggles_and_the_ledger_hears_only_once(cast, post):
    assert services.post_react(post=post, user=cast.other_learner, emoji="🎉") is True
    assert services.post_react(post=post, user=cast.other_learner, emoji="🎉") is False
    assert services.post_react(post=post, user=cast.other_learner, emoji="🎉") is True
    assert services.post_react(post=post, user=cast.other_learner, emoji="❤️") is True
    assert RitualReaction.objects.filter(post=post).count() == 2
    [point] = Touchpoint.objects.filter(kind=TouchpointKind.POST_REACTION)
    assert (point.actor_id, point.subject_id) == (cast.other_learner.pk, cast.learner.pk)


def test_reacting_to_your_own_post_is_not_a_touchpoint(cast, post):
    services.post_react(post=post, user=cast.learner, emoji="👏")
    assert not Touchpoint.objects.filter(kind=TouchpointKind.POST_REACTION).exists()


def test_only_the_offered_reactions_and_only_members(cast, post):
    with pytest.raises(Refused, match="reactions shown"):
        services.post_react(post=post, user=cast.other_learner, emoji="💩")
    with pytest.raises(Refused, match="not a member"):
        services.post_react(post=post, user=cast.outsider, emoji="🎉")


def test_reacting_through_htmx_returns_the_reactions(cast, post, client_for):
    address = reverse("community:ritual_react", args=[cast.course.slug, post.pk])
    client = client_for("other_learner")
    response = client.post(address, {"emoji": "🎉"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert 'aria-pressed="true"' in html
    plain = client.post(address, {"emoji": "🎉", "next": "/evil.example"})
    assert plain.status_code == 302


# --- replies --------------------------------------------------------------------------------


def test_a_reply_tells_the_author_and_records_a_touchpoint(cast, post):
    reply = services.post_reply(post=post, author=cast.other_learner, body="So cool! Which tree?")
    point = Touchpoint.objects.get(kind=TouchpointKind.POST_REPLY)
    assert (point.actor_id, point.subject_id) == (cast.other_learner.pk, cast.learner.pk)
    told = Notification.objects.get(kind=NotificationKind.POST_REPLY)
    assert told.recipient == cast.learner
    assert told.url == post.get_absolute_url() + f"#reply-{reply.pk}"


def test_replying_under_your_own_post_tells_no_one(cast, post):
    services.post_reply(post=post, author=cast.learner, body="An oak, by the way")
    assert not Touchpoint.objects.filter(kind=TouchpointKind.POST_REPLY).exists()
    assert not Notification.objects.filter(kind=NotificationKind.POST_REPLY).exists()


@pytest.mark.parametrize("body,match", [("  ", "Write a reply"), ("x" * 301, "300 characters")])
def test_a_reply_is_short_and_not_empty(cast, post, body, match):
    with pytest.raises(Refused, match=match):
        services.post_reply(post=post, author=cast.other_learner, body=body)


def test_replying_works_with_and_without_htmx(cast, post, client_for):
    address = reverse("community:ritual_reply", args=[cast.course.slug, post.pk])
    client = client_for("ta")
    plain = client.post(address, {"body": "Lovely, Learner!"})
    assert plain.status_code == 302
    partial = client.post(address, {"body": "And another"}, HTTP_HX_REQUEST="true")
    html = partial.content.decode()
    assert "<html" not in html and "Lovely, Learner!" in html and "And another" in html
    refused = client.post(address, {"body": ""})
    assert refused.status_code == 200 and "Write a reply first" in refused.content.decode()


# --- votes ----------------------------------------------------------------------------------


def test_a_vote_is_one_per_person_per_round_and_can_move(cast, vote_round):
    mine, theirs, third = learner_posts(cast, vote_round, 3)
    assert services.post_vote(post=theirs, voter=cast.learner) is True
    assert services.post_vote(post=third, voter=cast.learner) is True  # moved
    assert list(RitualVote.objects.values_list("voter_id", "post_id")) == [
        (cast.learner.pk, third.pk)
    ]
    assert services.post_vote(post=third, voter=cast.learner) is False  # taken back
    assert not RitualVote.objects.exists()


def test_nobody_votes_for_their_own_post(cast, vote_round):
    mine, _ = learner_posts(cast, vote_round, 2)
    with pytest.raises(Refused, match="own post"):
        services.post_vote(post=mine, voter=cast.learner)
    assert not RitualVote.objects.exists()


def test_votes_only_while_open_and_only_in_vote_rituals(cast, vote_round, round_, post):
    _, theirs = learner_posts(cast, vote_round, 2)
    with pytest.raises(Refused, match="Voting has closed"):
        services.post_vote(post=theirs, voter=cast.ta, now=vote_round.closes_at)
    with pytest.raises(Refused, match="teaching team picks"):
        services.post_vote(post=post, voter=cast.other_learner)


def test_at_close_the_top_post_is_featured_by_the_task(cast, vote_round):
    posts = learner_posts(cast, vote_round, 4)
    voters = [cast.learner, cast.other_learner, cast.ta, cast.instructor]
    for voter in voters[1:]:
        services.post_vote(post=posts[0], voter=voter)
    services.post_vote(post=posts[1], voter=cast.learner)
    assert services.rounds_settle_due(now=vote_round.closes_at - timedelta(seconds=1)) == 0
    assert services.rounds_settle_due(now=vote_round.closes_at) == 1
    assert services.rounds_settle_due(now=vote_round.closes_at + timedelta(hours=1)) == 0
    featured = RitualPost.objects.filter(featured_at__isnull=False)
    assert list(featured) == [posts[0]]
    point = Touchpoint.objects.get(kind=TouchpointKind.RITUAL_FEATURED)
    # The class's choice is recorded as the ritual's author's featuring.
    assert (point.actor_id, point.subject_id) == (cast.instructor.pk, posts[0].author_id)
    told = Notification.objects.get(kind=NotificationKind.POST_FEATURED)
    assert told.recipient_id == posts[0].author_id and "voted" in told.title


def test_a_tie_features_every_top_post_and_no_votes_features_none(cast, vote_round):
    posts = learner_posts(cast, vote_round, 3)
    services.post_vote(post=posts[0], voter=cast.other_learner)
    services.post_vote(post=posts[1], voter=cast.learner)
    services.round_settle(round_id=vote_round.pk, now=vote_round.closes_at)
    assert set(RitualPost.objects.filter(featured_at__isnull=False)) == {posts[0], posts[1]}


def test_a_round_nobody_voted_in_features_nothing(cast, vote_round):
    learner_posts(cast, vote_round, 2)
    assert services.round_settle(round_id=vote_round.pk, now=vote_round.closes_at) == []
    assert not RitualPost.objects.filter(featured_at__isnull=False).exists()


def test_voting_through_the_page(cast, vote_round, client_for):
    _, theirs = learner_posts(cast, vote_round, 2)
    client = client_for("learner")
    page = client.get(vote_round.get_absolute_url()).content.decode()
    assert reverse("community:ritual_vote", args=[cast.course.slug, theirs.pk]) in page
    response = client.post(reverse("community:ritual_vote", args=[cast.course.slug, theirs.pk]))
    assert response.status_code == 302
    assert RitualVote.objects.filter(voter=cast.learner, post=theirs).exists()


# --- featuring by staff -------------------------------------------------------------------------


def test_staff_featuring_records_a_touchpoint_and_tells_the_author(cast, post):
    assert services.post_feature(post=post, actor=cast.ta) is True
    assert services.post_feature(post=post, actor=cast.ta) is False  # already featured
    point = Touchpoint.objects.get(kind=TouchpointKind.RITUAL_FEATURED)
    assert (point.actor_id, point.subject_id) == (cast.ta.pk, cast.learner.pk)
    told = Notification.objects.get(kind=NotificationKind.POST_FEATURED)
    assert told.recipient == cast.learner and told.url == post.get_absolute_url()
    assert services.post_feature(post=post, actor=cast.ta, featured=False) is True
    assert RitualPost.objects.get(pk=post.pk).featured_at is None


@pytest.mark.parametrize("role", ["learner", "other_learner"])
def test_learners_cannot_feature(cast, post, client_for, role):
    with pytest.raises(Refused, match="teaching team"):
        services.post_feature(post=post, actor=cast.by_role(role))
    address = reverse("community:ritual_feature", args=[cast.course.slug, post.pk])
    assert client_for(role).post(address).status_code == 404
    assert RitualPost.objects.get(pk=post.pk).featured_at is None


def test_featured_answers_come_first_and_stand_out(cast, round_, client_for):
    posts = learner_posts(cast, round_, 3)
    services.post_feature(post=posts[2], actor=cast.instructor)
    html = client_for("other_learner").get(round_.get_absolute_url()).content.decode()
    assert html.index(f'id="post-{posts[2].pk}"') < html.index(f'id="post-{posts[0].pk}"')
    assert "post--featured" in html and "Featured" in html


# --- the archive --------------------------------------------------------------------------------


def test_the_archive_lists_past_weeks_with_featured_answers_first(cast, client_for):
    ritual = ritual_make(course=cast.course, author=cast.instructor)
    weeks = []
    for week in range(3):
        round_ = round_open(ritual, actor=cast.instructor)
        posts = (
            learner_posts(cast, round_, 2)
            if week == 0
            else [
                services.ritual_answer_post(
                    round=round_, author=cast.learner, body=f"Week {week} win"
                ),
                services.ritual_answer_post(
                    round=round_, author=cast.other_learner, body=f"Week {week} joy"
                ),
            ]
        )
        services.post_feature(post=posts[1], actor=cast.instructor)
        # Close it, so the next "open now" starts the next week's round.
        shift = timedelta(days=7 * (3 - week))
        type(round_).objects.filter(pk=round_.pk).update(
            opens_at=round_.opens_at - shift,
            closes_at=timezone.now() - shift + timedelta(days=6),
            slot=round_.slot - shift,
        )
        weeks.append((round_, posts))
    html = (
        client_for("learner")
        .get(reverse("community:ritual_archive", args=[cast.course.slug, ritual.pk]))
        .content.decode()
    )
    # Newest week first; each week shows its featured answer, not the others.
    assert html.index("Week 2 joy") < html.index("Week 1 joy")
    assert "Week 2 win" not in html
    assert "All 2 answers" in html
