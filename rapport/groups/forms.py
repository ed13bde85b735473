"""The teaching team's form for a group set: size, what matters, how often partners change,
and a few pairs kept together or apart."""

from collections import Counter

from django import forms

from rapport.groups.models import ROUNDS_MAX, SIZE_MAX, SIZE_MIN, Mode, Pace
from rapport.surveys.models import Question, QuestionType, SurveyKind

PAIR_ROWS = 4
BALANCED_TYPES = (QuestionType.SINGLE_CHOICE, QuestionType.SCALE)


NAMES_LIST_ID = "learner-names"


def learner_names(learners) -> dict[str, int]:
    """Name → user id for the boxes' list: each learner's name, with their email where
    two share a name."""
    taken = Counter(person.display_name.casefold() for person in learners)
    return {
        (
            person.display_name
            if taken[person.display_name.casefold()] == 1
            else f"{person.display_name} ({person.email})"
        ): person.pk
        for person in learners
    }


class LearnerNameField(forms.CharField):
    """A learner of the course, typed or picked by name from the page's one list of names
    (``NAMES_LIST_ID``); cleans to their user id, None when left empty."""

    def __init__(self, *, names: dict[str, int], **kwargs):
        attrs = {"list": NAMES_LIST_ID, "autocomplete": "off"}
        super().__init__(
            required=False, max_length=300, widget=forms.TextInput(attrs=attrs), **kwargs
        )
        self.by_name = {name.casefold(): pk for name, pk in names.items()}
        self.name_of = {pk: name for name, pk in names.items()}

    def prepare_value(self, value):
        return self.name_of.get(value, "") if isinstance(value, int) else value

    def clean(self, value):
        text = (super().clean(value) or "").strip()
        if not text:
            return None
        if text.isdigit() and int(text) in self.name_of:
            return int(text)
        if text.casefold() not in self.by_name:
            raise forms.ValidationError(
                f"No learner in this course is called “{text}”: pick a name from the list."
            )
        return self.by_name[text.casefold()]


class GroupSetForm(forms.Form):
    title = forms.CharField(max_length=120, initial="Weekly partners")
    purpose = forms.CharField(
        label="What are the groups for?",
        required=False,
        max_length=300,
        help_text="Learners see this with their group, e.g. “Meet once a week to share "
        "your reflections”.",
    )
    group_size = forms.IntegerField(
        label="People in each group",
        min_value=SIZE_MIN,
        max_value=SIZE_MAX,
        initial=2,
        help_text="2 makes partners. When the class doesn't divide evenly, a few groups have "
        "one more or one fewer (never one person alone).",
    )
    interests = forms.ChoiceField(
        label="Interests (from the intro survey)", choices=Mode.choices, initial=Mode.SIMILAR
    )
    availability = forms.ChoiceField(
        label="Free hours (from the intro survey)", choices=Mode.choices, initial=Mode.SIMILAR
    )
    min_shared_hours = forms.IntegerField(
        label="At least this many shared free hours a week (optional)",
        required=False,
        min_value=0,
        max_value=40,
    )
    attribute_question = forms.TypedChoiceField(
        label="Also balance or match the answers to", required=False, coerce=int, empty_value=None
    )
    attribute = forms.ChoiceField(
        label="How those answers count", choices=Mode.choices, initial=Mode.IGNORE
    )
    rounds = forms.IntegerField(
        label="Rounds",
        min_value=1,
        max_value=ROUNDS_MAX,
        initial=1,
        help_text="More than one: new partners each round, nobody paired twice while "
        "that is possible.",
    )
    pace = forms.ChoiceField(label="New groups", choices=Pace.choices, initial=Pace.WEEKLY)

    def __init__(self, *args, course, learners, **kwargs):
        super().__init__(*args, **kwargs)
        questions = Question.objects.filter(
            survey__course=course, survey__kind=SurveyKind.INTRO, type__in=BALANCED_TYPES
        ).order_by("survey_id", "position")
        self.fields["attribute_question"].choices = [("", "No question")] + [
            (q.pk, q.prompt) for q in questions
        ]
        # One list of names for every box (a list of the class in each of sixteen boxes was
        # most of the page, and most of its time, in a big course).
        self.learner_names = learner_names(learners)
        for kind in ("together", "apart"):
            for row in range(PAIR_ROWS):
                for side in ("a", "b"):
                    self.fields[f"{kind}_{row}_{side}"] = LearnerNameField(
                        names=self.learner_names,
                        label=f"Keep {kind}: learner {'one' if side == 'a' else 'two'}",
                    )

    def pairs(self, kind: str) -> tuple[tuple[int, int], ...]:
        found = []
        for row in range(PAIR_ROWS):
            a = self.cleaned_data.get(f"{kind}_{row}_a")
            b = self.cleaned_data.get(f"{kind}_{row}_b")
            if a and b:
                found.append((a, b))
        return tuple(found)

    def pair_rows(self, kind: str) -> list[tuple]:
        return [(self[f"{kind}_{row}_a"], self[f"{kind}_{row}_b"]) for row in range(PAIR_ROWS)]

    def together_rows(self):
        return self.pair_rows("together")

    def apart_rows(self):
        return self.pair_rows("apart")
