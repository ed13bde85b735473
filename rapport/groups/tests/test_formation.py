"""Forming a group set: every unpublished round planned, rotating without repeated pairs;
the progress told; a grouping that cannot be made said in words; locked groups kept;
moving a learner by hand."""

from itertools import combinations

import pytest
from django.core.management import call_command

from rapport.core.refusals import Refused
from rapport.groups import services
from rapport.groups.models import Formation, Group, GroupMember, GroupSet, KeptPair
from rapport.groups.testing import learner_make, member
from rapport.surveys import intro
from rapport.surveys.testing import ANSWERS, survey_answered_by

pytestmark = pytest.mark.django_db


@pytest.fixture
def eight(cast):
    """The cast's two learners and six more: eight in all."""
    return [cast.learner, cast.other_learner] + [learner_make(cast, f"l{n}") for n in range(6)]


def _create(cast, captured, **criteria):
    criteria.setdefault("title", "Weekly partners")
    with captured(execute=True):
        group_set = services.group_set_create(
            course=cast.course,
            member=member(cast, "instructor"),
            criteria=services.Criteria(**criteria),
        )
    group_set.refresh_from_db()
    return group_set


def _rounds(group_set) -> list[list[set[int]]]:
    rounds = []
    for round_ in group_set.round_set.order_by("number"):
        groups = {}
        for group_id, user_id in GroupMember.objects.filter(round=round_).values_list(
            "group_id", "user_id"
        ):
            groups.setdefault(group_id, set()).add(user_id)
        rounds.append(list(groups.values()))
    return rounds


def test_partners_rotate_weekly_without_meeting_twice(
    cast, eight, django_capture_on_commit_callbacks
):
    group_set = _create(cast, django_capture_on_commit_callbacks, group_size=2, rounds=4)
    assert (group_set.status, group_set.progress, group_set.problem) == (Formation.READY, 100, "")
    rounds = _rounds(group_set)
    assert len(rounds) == 4
    everyone = {user.pk for user in eight}
    pairs = []
    for groups in rounds:
        assert set().union(*groups) == everyone and sum(map(len, groups)) == 8
        assert all(len(group) == 2 for group in groups)
        pairs += [frozenset(pair) for group in groups for pair in combinations(group, 2)]
    assert len(pairs) == len(set(pairs))  # nobody meets the same partner twice
    starts = list(group_set.round_set.order_by("number").values_list("starts_at", flat=True))
    assert [(b - a).days for a, b in zip(starts, starts[1:], strict=False)] == [7, 7, 7]


def test_groups_with_shared_interests_and_hours_say_why(
    cast, eight, django_capture_on_commit_callbacks
):
    for user in eight[:4]:
        survey_answered_by(
            user,
            course=cast.course,
            answers={
                **ANSWERS,
                intro.INTERESTS: ["photography"],
                intro.BEST_TIMES: [[1, 1080, 1260]],
            },
        )
    for user in eight[4:]:
        survey_answered_by(
            user,
            course=cast.course,
            answers={**ANSWERS, intro.INTERESTS: ["chess"], intro.BEST_TIMES: [[3, 420, 540]]},
        )
    group_set = _create(cast, django_capture_on_commit_callbacks, group_size=4)
    groups = list(Group.objects.filter(round__group_set=group_set))
    by_members = {
        frozenset(group.members.values_list("user_id", flat=True)): group for group in groups
    }
    photographers = by_members[frozenset(u.pk for u in eight[:4])]
    assert "all like photography" in [r["text"] for r in photographers.reasons]
    assert photographers.shared_hours == [24 + 18, 24 + 19, 24 + 20]
    assert photographers.score == pytest.approx(1.0)


def test_a_grouping_that_cannot_be_made_is_said_and_nothing_is_planned(
    cast, eight, django_capture_on_commit_callbacks
):
    for n, user in enumerate(eight):  # nobody shares an hour with anybody
        survey_answered_by(
            user,
            course=cast.course,
            answers={**ANSWERS, intro.BEST_TIMES: [[n % 7, 0, 60 * (n // 7 + 1)]]},
        )
    group_set = _create(cast, django_capture_on_commit_callbacks, min_shared_hours=2)
    assert group_set.status == Formation.FAILED
    assert "shared" in group_set.problem or "hour" in group_set.problem
    assert not group_set.round_set.exists()


@pytest.mark.parametrize(
    ("criteria", "field"),
    [
        ({"group_size": 1}, "group_size"),
        ({"group_size": 9}, "group_size"),
        ({"rounds": 0}, "rounds"),
        ({"title": "  "}, "title"),
        ({"attribute": "different"}, "attribute_question"),
    ],
)
def test_bad_criteria_are_refused_with_a_message_and_nothing_saved(cast, eight, criteria, field):
    with pytest.raises(Refused) as refused:
        services.group_set_create(
            course=cast.course,
            member=member(cast, "instructor"),
            criteria=services.Criteria(**{"title": "Partners", **criteria}),
        )
    assert refused.value.field == field and refused.value.message
    assert not GroupSet.objects.exists()


def test_a_pair_kept_together_and_apart_is_refused_naming_the_conflict(cast, eight):
    a, b = eight[0].pk, eight[1].pk
    with pytest.raises(Refused, match="together and kept apart"):
        services.group_set_create(
            course=cast.course,
            member=member(cast, "instructor"),
            criteria=services.Criteria(title="P", keep_together=((a, b),), keep_apart=((b, a),)),
        )
    assert not KeptPair.objects.exists()


def test_only_staff_form_groups(cast, eight):
    with pytest.raises(Refused):
        services.group_set_create(
            course=cast.course, member=member(cast, "learner"), criteria=services.Criteria("P")
        )


def test_kept_pairs_are_kept_in_every_round(cast, eight, django_capture_on_commit_callbacks):
    a, b, c = (user.pk for user in eight[:3])
    group_set = _create(
        cast,
        django_capture_on_commit_callbacks,
        group_size=4,
        rounds=2,
        keep_together=((a, b),),
        keep_apart=((a, c),),
    )
    for groups in _rounds(group_set):
        assert any({a, b} <= group for group in groups)
        assert not any({a, c} <= group for group in groups)


def test_forming_again_keeps_a_locked_group(cast, eight, django_capture_on_commit_callbacks):
    group_set = _create(cast, django_capture_on_commit_callbacks, group_size=2)
    first = Group.objects.filter(round__group_set=group_set).first()
    kept = set(first.members.values_list("user_id", flat=True))
    services.group_lock(group=first, member=member(cast, "instructor"), locked=True)
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            services.group_set_form_later(group_set=group_set, reshuffle=True)
        groups = _rounds(group_set)[0]
        assert kept in groups
    assert Group.objects.get(round__group_set=group_set, locked=True).members.count() == 2


def test_moving_a_learner_by_hand_scores_the_round_again(
    cast, eight, django_capture_on_commit_callbacks
):
    group_set = _create(cast, django_capture_on_commit_callbacks, group_size=4)
    round_ = group_set.round_set.get()
    first, second = Group.objects.filter(round=round_).order_by("number")
    mover = first.members.first().user_id
    services.member_move(
        round_=round_, member=member(cast, "instructor"), user_id=mover, to_group_id=second.pk
    )
    sizes = sorted(g.members.count() for g in Group.objects.filter(round=round_))
    assert sizes == [3, 5]
    round_.refresh_from_db()
    assert any("5 members" in warning for warning in round_.warnings)
    assert GroupMember.objects.get(round=round_, user_id=mover).group.number in (1, 2)


def test_a_move_that_leaves_someone_alone_is_refused(cast, django_capture_on_commit_callbacks):
    learner_make(cast, "third")
    learner_make(cast, "fourth")
    group_set = _create(cast, django_capture_on_commit_callbacks, group_size=2)
    round_ = group_set.round_set.get()
    first, second = Group.objects.filter(round=round_).order_by("number")
    with pytest.raises(Refused, match="on their own"):
        services.member_move(
            round_=round_,
            member=member(cast, "instructor"),
            user_id=first.members.first().user_id,
            to_group_id=second.pk,
        )


def test_the_command_forms_groups_with_a_progress_bar(cast, eight, capsys):
    call_command("form_groups", cast.course.slug, "--size", "2", "--rounds", "2")
    printed = capsys.readouterr().out
    assert "Forming [" in printed and "100%" in printed
    assert "Round 1" in printed and "Round 2" in printed
    group_set = GroupSet.objects.get()
    assert group_set.status == Formation.READY and group_set.round_set.count() == 2
