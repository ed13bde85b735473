"""The shared reactions: one emoji set named in words, one toggle that checks the course and
keeps the ledger, one selector for the chips. Discussion posts stand in for any target."""

import pytest

from rapport.community.discussions.testing import opening, start
from rapport.community.models.discussions import PostReaction
from rapport.core.kinds import TouchpointKind
from rapport.core.models import Touchpoint
from rapport.core.reactions.emoji import REACTION_CHOICES, REACTION_EMOJI, REACTION_LABELS
from rapport.core.reactions.selectors import reaction_chips
from rapport.core.reactions.services import reaction_toggle
from rapport.core.refusals import Refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(cast):
    return opening(start(cast.course, cast.learner))


def toggle(post, user, emoji, *, course=None, kind=TouchpointKind.POST_REACTION):
    return reaction_toggle(
        model=PostReaction,
        target=post,
        user=user,
        emoji=emoji,
        course=course or post.course,
        touchpoint_kind=kind,
    )


def test_every_emoji_has_a_name_in_words_and_every_one_offered_before_is_kept():
    assert all(REACTION_LABELS[emoji].strip() for emoji in REACTION_EMOJI)
    before = {"👍", "❤️", "🎉", "😂", "🙏", "💡", "👏", "🌱"}  # presence, discussions, rituals
    assert before <= set(REACTION_EMOJI)
    assert [emoji for emoji, _ in REACTION_CHOICES] == list(REACTION_EMOJI)


def test_a_toggle_adds_then_takes_back_and_answers_the_chips(cast, post):
    added = toggle(post, cast.other_learner, "🎉")
    assert added.added is True
    chip = {c.emoji: c for c in added.chips}["🎉"]
    assert (chip.label, chip.count, chip.mine) == ("Celebrate", 1, True)
    assert [c.emoji for c in added.chips] == list(REACTION_EMOJI)

    removed = toggle(post, cast.other_learner, "🎉")
    assert removed.added is False
    assert all(c.count == 0 and not c.mine for c in removed.chips)
    assert not PostReaction.objects.exists()


def test_the_ledger_hears_of_a_first_reaction_to_someone_else_once(cast, post):
    for emoji in ("🎉", "🎉", "🎉", "❤️"):
        toggle(post, cast.other_learner, emoji)
    toggle(post, cast.learner, "👍")  # one's own post: no relational moment
    points = Touchpoint.objects.filter(kind=TouchpointKind.POST_REACTION)
    assert [(p.actor_id, p.subject_id) for p in points] == [
        (cast.other_learner.pk, cast.learner.pk)
    ]


def test_without_a_kind_nothing_reaches_the_ledger(cast, post):
    toggle(post, cast.other_learner, "🎉", kind=None)
    assert PostReaction.objects.count() == 1
    assert not Touchpoint.objects.filter(actor=cast.other_learner).exists()


def test_a_target_from_another_course_is_refused_and_nothing_is_saved(cast, post):
    with pytest.raises(Refused, match="isn't in this course"):
        toggle(post, cast.other_learner, "🎉", course=cast.other_course)
    assert not PostReaction.objects.exists()
    assert not Touchpoint.objects.filter(actor=cast.other_learner).exists()


@pytest.mark.parametrize("emoji", ["💩", "👎", "", "🎉🎉"])
def test_an_emoji_outside_the_set_is_refused_with_a_clear_message(cast, post, emoji):
    with pytest.raises(Refused, match="Choose one of the reactions shown.") as refusal:
        toggle(post, cast.other_learner, emoji)
    assert refusal.value.field == "emoji"
    assert not PostReaction.objects.exists()


def test_a_failure_after_saving_leaves_nothing_half_saved(cast, post):
    """The reaction and its touchpoint land together or not at all."""
    with pytest.raises(ValueError, match="Unknown touchpoint kind"):
        toggle(post, cast.other_learner, "🎉", kind="no_such_kind")
    assert not PostReaction.objects.exists()
    assert not Touchpoint.objects.filter(actor=cast.other_learner).exists()


def test_chips_for_many_targets_in_one_query(cast, django_assert_num_queries):
    posts = [opening(start(cast.course, cast.learner, title=f"Topic {n}")) for n in range(3)]
    toggle(posts[0], cast.other_learner, "🎉")
    toggle(posts[0], cast.learner, "🎉")
    toggle(posts[2], cast.learner, "💡")
    with django_assert_num_queries(1):
        chips = reaction_chips(
            model=PostReaction, target_ids=[p.pk for p in posts], user=cast.learner
        )
    counts = {pk: {c.emoji: (c.count, c.mine) for c in row} for pk, row in chips.items()}
    assert counts[posts[0].pk]["🎉"] == (2, True)
    assert counts[posts[1].pk]["🎉"] == (0, False)
    assert counts[posts[2].pk]["💡"] == (1, True)
