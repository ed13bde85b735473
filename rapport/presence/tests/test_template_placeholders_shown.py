"""Templates show their placeholders, the review step shows what each became per learner,
and the demo's "Thinking of you" quotes the learner's goal as theirs."""

import re

import pytest

from rapport.core.text import render_markdown
from rapport.demo.seeders.presence.script import TEMPLATES
from rapport.presence.models import MessageKind, MessageTemplate, Tone
from rapport.presence.placeholders import render_placeholders
from rapport.presence.tests.test_placeholders_from_survey import _intro_answers

pytestmark = pytest.mark.django_db

BASE = "/c/env-sci/messages/"


def _thinking_of_you() -> str:
    return next(body for name, kind, body in TEMPLATES if name == "Thinking of you")


def test_demo_thinking_of_you_does_not_use_the_goal_as_the_instructors_sentence():
    body = _thinking_of_you()
    assert not re.search(r"\{goal\}\s*—\s*Maya", body)
    # The goal stands on its own quoted line, introduced as the learner's words.
    assert "\n> {goal}\n" in body
    assert "in your own words" in body
    assert body.rstrip().endswith("\n— Maya")


def test_demo_thinking_of_you_reads_as_a_quote_once_filled():
    values = {"preferred_name": "Sam", "goal": "Understand wildfire smoke.", "interest": ""}
    html = render_markdown(render_placeholders(_thinking_of_you(), values))
    assert "<blockquote>" in html
    quoted = html.split("<blockquote>")[1].split("</blockquote>")[0]
    assert "Understand wildfire smoke." in quoted
    assert "Maya" not in quoted


def test_template_list_shows_the_whole_text_with_placeholders_marked(cast, client_for):
    long_tail = " ".join(["word"] * 40) + " the very last words"
    MessageTemplate.objects.create(
        course=cast.course,
        owner=cast.instructor,
        name="Long one",
        kind=MessageKind.NOTE,
        body="Hi {preferred_name}, about {goal} and {unknown} <b>. " + long_tail,
    )
    page = client_for("instructor").get(BASE + "templates/").content.decode()
    assert '<mark class="placeholder">{preferred_name}</mark>' in page
    assert '<mark class="placeholder">{goal}</mark>' in page
    assert "{unknown}" in page and '<mark class="placeholder">{unknown}' not in page
    assert "&lt;b&gt;" in page
    assert "the very last words" in page


def test_review_shows_what_each_placeholder_became_per_learner(cast, client_for, note_template):
    _intro_answers(cast, cast.learner, "understand wildfire smoke\nPass", ["hiking"])
    response = client_for("instructor").post(
        BASE + f"templates/{note_template.pk}/send/",
        {
            "step": "review",
            "learners": [cast.learner.pk, cast.other_learner.pk],
            "tone": Tone.THINKING_OF_YOU,
        },
    )
    page = response.content.decode()
    sections = {
        learner.pk: page.split(f'id="review-{learner.pk}"')[1].split("</section>")[0]
        for learner in (cast.learner, cast.other_learner)
    }
    answered = sections[cast.learner.pk]
    assert '<mark class="placeholder">{goal}</mark> →' in answered
    assert "“understand wildfire smoke”" in answered
    assert "“Learner”" in answered  # {preferred_name}
    unanswered = sections[cast.other_learner.pk]
    assert '<mark class="placeholder">{goal}</mark> →' in unanswered
    assert "no answer yet" in unanswered
    assert "left out of this note" in unanswered
