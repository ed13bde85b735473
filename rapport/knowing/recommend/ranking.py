"""Which resources fit a learner best, by BM25 over what they told us.

The query is the learner's goals (each distinct word ``GOAL_WEIGHT``) plus their interests
(``INTEREST_WEIGHT`` each, shared among its words); a document is a resource's title,
description and tags (tags counting ``TAG_WEIGHT`` times, as staff chose them to say what
it is about). BM25 comes from bm25s;
each query word is scored on its own so a result can say which words matched.

Pure Python + bm25s (no Django import): tested alone in test_ranking.py.
"""

import logging
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import bm25s
import numpy as np

from rapport.knowing.recommend import text

# Goals say what a learner came for; interests only what else they like. A goal word
# outweighs a whole interest, and a several-word interest ("climate policy") shares its
# weight among its words, so one loose word of it cannot beat a goal.
GOAL_WEIGHT = 2
INTEREST_WEIGHT = 1
TAG_WEIGHT = 2

# bm25s sets its own logger to DEBUG; its progress lines are not for a web server's log.
logging.getLogger("bm25s").setLevel(logging.WARNING)


@dataclass(frozen=True)
class Document:
    key: Hashable
    title: str
    description: str = ""
    tags: Sequence[str] = ()

    def tokens(self) -> list[str]:
        tag_text = " ".join(self.tags)
        return text.stems(f"{self.title} {self.description}") + text.stems(tag_text) * TAG_WEIGHT


@dataclass(frozen=True)
class Fit:
    key: Hashable
    score: float
    # The learner's own words that matched, the most telling first.
    matched: tuple[str, ...]
    # Which of the learner's interests matched (their words, as they wrote them)...
    interests: tuple[str, ...]
    # ...and the other matched words, from their goals.
    goal_words: tuple[str, ...]
    # The matched goal words as they stood together in the goals ("wildfire smoke").
    goal_phrases: tuple[str, ...] = ()

    @property
    def reasons(self) -> list[str]:
        """Why this fits, in words for staff — never a score."""
        reasons = []
        if self.goal_phrases:
            reasons.append("matches their goal: " + ", ".join(self.goal_phrases))
        if self.interests:
            plural = "s" if len(self.interests) > 1 else ""
            reasons.append(f"matches their interest{plural}: " + ", ".join(self.interests))
        return reasons


@dataclass
class Query:
    """What one learner told us, as weighted stems and the words they came from."""

    weights: dict[str, float]
    surface: dict[str, str]
    interest_of: dict[str, str]

    @classmethod
    def from_answers(cls, *, goals: str, interests: Sequence[str]) -> "Query":
        weights: dict[str, float] = {}
        surface: dict[str, str] = {}
        interest_of: dict[str, str] = {}
        goal_keys = set()
        for word in text.words(goals):
            key = text.stem(word)
            if key not in goal_keys:  # a goal repeating a word does not count it twice
                goal_keys.add(key)
                weights[key] = weights.get(key, 0) + GOAL_WEIGHT
            surface.setdefault(key, word)
        for interest in interests:
            interest_words = text.words(interest)
            for word in interest_words:
                key = text.stem(word)
                weights[key] = weights.get(key, 0) + INTEREST_WEIGHT / len(interest_words)
                surface.setdefault(key, word)
                if key not in goal_keys:
                    interest_of.setdefault(key, interest.strip())
        return cls(weights=weights, surface=surface, interest_of=interest_of)


def rank(*, goals: str, interests: Sequence[str], documents: Sequence[Document]) -> list[Fit]:
    """Every document, best fit first; documents that match nothing come last, score 0, in
    the order given."""
    if not documents:
        return []
    query = Query.from_answers(goals=goals, interests=interests)
    corpus = [doc.tokens() for doc in documents]
    totals = np.zeros(len(documents), dtype=float)
    per_word: list[tuple[str, np.ndarray]] = []
    if any(corpus) and query.weights:
        retriever = bm25s.BM25()
        retriever.index(corpus, show_progress=False)
        per_word = [
            (key, retriever.get_scores([key]).astype(float) * weight)
            for key, weight in query.weights.items()
            if key in retriever.vocab_dict
        ]
    for _, scores in per_word:
        totals += scores
    fits = []
    for index, doc in enumerate(documents):
        hits = sorted(
            ((scores[index], key) for key, scores in per_word if scores[index] > 0),
            key=lambda hit: -hit[0],
        )
        matched = tuple(query.surface[key] for _, key in hits)
        interests_hit = tuple(
            dict.fromkeys(query.interest_of[key] for _, key in hits if key in query.interest_of)
        )
        goal_words = tuple(query.surface[key] for _, key in hits if key not in query.interest_of)
        fits.append(
            Fit(
                key=doc.key,
                score=round(float(totals[index]), 4),
                matched=matched,
                interests=interests_hit,
                goal_words=goal_words,
                goal_phrases=_goal_phrases(goals, {key for _, key in hits}),
            )
        )
    order = sorted(range(len(fits)), key=lambda i: (-fits[i].score, i))
    return [fits[i] for i in order]


def _goal_phrases(goals: str, matched_keys: set[str]) -> tuple[str, ...]:
    """Matched goal words grouped as they stood side by side in the goals, in the
    learner's order: "wildfire smoke", not "smoke, wildfire"."""
    phrases: dict[str, None] = {}
    for run in text.phrases(goals):
        current: list[str] = []
        for word in (*run, None):
            if word is not None and text.stem(word) in matched_keys:
                current.append(word)
            elif current:
                phrases.setdefault(" ".join(current))
                current = []
    return tuple(phrases)
