"""Each suggested next step opens as one prefilled link: the note form with the learner
chosen, words that fit the step, and the home to come back to."""

from urllib.parse import parse_qs, urlparse

import pytest

from rapport.home.actions import reach_out_action
from rapport.radar.indicators import LearnerIndicators
from rapport.radar.ranking import STEP_HELP, STEP_NOTE, STEP_PAIR, STEP_VIDEO, ReachOut

pytestmark = pytest.mark.django_db


def item(cast, step: str, partner=None) -> ReachOut:
    membership = cast.course.memberships.get(user=cast.learner)
    return ReachOut(
        indicators=LearnerIndicators(membership=membership),
        points=3,
        reasons=["no personal contact yet"],
        next_step="",
        step=step,
        partner=partner,
        interest="birds",
    )


def query(action) -> dict:
    return {key: values[0] for key, values in parse_qs(urlparse(action.url).query).items()}


@pytest.mark.parametrize(
    "step,label,words,tone",
    [
        (STEP_HELP, "call for help", "could use some help", "noticed"),
        (STEP_VIDEO, "30-second video", "quick hello", "thinking_of_you"),
        (STEP_NOTE, "Send Learner a note", "thinking of you", "thinking_of_you"),
    ],
)
def test_each_step_opens_the_note_form_ready(cast, step, label, words, tone):
    action = reach_out_action(item(cast, step), course=cast.course, back="/c/env-sci/")
    fields = query(action)
    assert label in action.label
    assert words in fields["body"] and fields["tone"] == tone
    assert fields["to"] == str(cast.learner.pk) and fields["next"] == "/c/env-sci/"
    assert ("record" in fields) == (step == STEP_VIDEO)


def test_pairing_names_the_classmate_and_the_shared_interest(cast):
    action = reach_out_action(
        item(cast, STEP_PAIR, partner=cast.other_learner), course=cast.course, back="/"
    )
    assert action.label == "Pair Learner with Other_Learner"
    body = query(action)["body"]
    assert "Other_Learner" in body and "birds" in body
