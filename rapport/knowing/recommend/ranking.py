"""Which resources fit a learner best, by BM25 over what they told us.

The query is the learner's goals plus their interests, interests counting ``INTEREST_WEIGHT``
times; a document is a resource's title, description and tags (tags counting
``TAG_WEIGHT`` times, as staff chose them to say what it is about). BM25 comes from bm25s;
each query word is scored on its own so a result can say which words matched.

Pure Python + bm25s (no Django import): tested alone in test_ranking.py.
"""

import logging
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import bm25s
import numpy as np

from rapport.knowing.recommend import text

INTEREST_WEIGHT = 3
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
        for interest in interests:
            for word in text.words(interest):
                key = text.stem(word)
                weights[key] = weights.get(key, 0) + INTEREST_WEIGHT
                surface.setdefault(key, word)
                interest_of.setdefault(key, interest.strip())
        for word in text.words(goals):
            key = text.stem(word)
            weights[key] = weights.get(key, 0) + 1
            surface.setdefault(key, word)
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
            )
        )
    order = sorted(range(len(fits)), key=lambda i: (-fits[i].score, i))
    return [fits[i] for i in order]
