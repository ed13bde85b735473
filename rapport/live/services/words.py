"""One-word answers: how a typed word is tidied, and the words a session or an activity
refuses to put on the shared screen."""

import unicodedata

from rapport.core.refusals import Refused
from rapport.live.models import WORD_MAX

BLOCKED = "That word can't go on the class screen. Try another one."


def _without_punctuation(text: str) -> str:
    return "".join(c for c in text if not unicodedata.category(c).startswith("P"))


def normalise_word(raw) -> str:
    """``raw`` as the word cloud counts it: trimmed, lower-cased, punctuation taken out;
    refused unless it is one word of at most WORD_MAX characters."""
    if not isinstance(raw, str):
        raise Refused("Type one word.", code="bad")
    words = _without_punctuation(unicodedata.normalize("NFKC", raw)).lower().split()
    if not words:
        raise Refused("Type one word.", code="bad")
    if len(words) > 1:
        raise Refused("One word only, please.", code="bad")
    if len(words[0]) > WORD_MAX:
        raise Refused(f"That word is too long: {WORD_MAX} letters at most.", code="bad")
    return words[0]


def blocked_words(*texts: str) -> frozenset[str]:
    """The words of blocklists written one a line (or separated by commas), normalised."""
    words = set()
    for text in texts:
        for line in (text or "").replace(",", "\n").splitlines():
            word = _without_punctuation(line).lower().strip()
            if word:
                words.add(word)
    return frozenset(words)


def refuse_blocked(text: str, blocked: frozenset[str]) -> None:
    """Refuse ``text`` (a normalised word, or a sentence) when any of its words is blocked."""
    if not blocked:
        return
    words = _without_punctuation(text).lower().split()
    if any(word in blocked for word in words):
        raise Refused(BLOCKED, code="blocked")
