""" "Goals in common" lists what learners share — not the filler words goals are written
with ("what the numbers mean", "well enough to", "every summer", "use")."""

from dataclasses import dataclass

from rapport.demo.seeders.surveys.script import INTRO
from rapport.knowing.insights.selectors import goal_groups
from rapport.surveys.intro import IntroAnswers

FILLER = {"mean", "use", "enough", "every", "explain", "people", "happens"}


@dataclass(frozen=True)
class Person:
    pk: str

    @property
    def display_name(self) -> str:
        return self.pk


def _labels(goals_by_person: dict[str, str]) -> dict[str, int]:
    pairs = [
        (Person(key), IntroAnswers(goals=goals, submitted=True))
        for key, goals in goals_by_person.items()
    ]
    return {group.label: group.count for group in goal_groups(pairs)}


def test_the_demo_class_shares_no_filler_words():
    labels = _labels({key: answer.goals for key, answer in INTRO.items()})
    assert not FILLER & set(labels), labels
    assert labels["water"] == 6
    assert {"air", "drought", "forests", "climate"} <= set(labels)


def test_filler_is_left_out_and_real_shared_phrases_kept():
    labels = _labels(
        {
            "a": "Understand what wildfire smoke every summer does — well enough to use it.",
            "b": "Know what wildfire smoke means for my patients, and use air quality data.",
            "c": "Use real air quality data every week and explain what the numbers mean.",
        }
    )
    assert labels["wildfire smoke"] == 2
    assert labels["air quality"] == 2
    assert labels["quality data"] == 2
    assert not FILLER & set(labels), labels
