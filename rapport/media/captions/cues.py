"""Readable captions from timed words: at most two lines of about 42 characters, each cue
on screen 1–7 seconds, broken where a reader expects a pause — a sentence end first,
then a comma or a conjunction — and never inside a word.

The breaks are chosen together (dynamic programming over where each cue ends), so one
long sentence is split at its best commas rather than wherever the first cue filled up.
"""

from rapport.media import vtt
from rapport.media.captions.alignment import WordTime

LINE_CHARS = 42
MIN_SECONDS = 1.0
MAX_SECONDS = 7.0
LINGER_SECONDS = 0.4  # a cue stays a moment after its last word, unless the next one starts
_MAX_WORDS_PER_CUE = 2 * LINE_CHARS // 2  # two lines of one-letter words

_SENTENCE_END = (".", "?", "!", "…", '."', '?"', '!"', ".”", "?”", "!”")
_CLAUSE_END = (",", ";", ":", "—", "–", "-", ")")
_JOINING_WORDS = frozenset(
    [
        "and",
        "but",
        "or",
        "so",
        "because",
        "although",
        "though",
        "while",
        "when",
        "where",
        "which",
        "who",
        "that",
        "if",
        "unless",
        "until",
        "after",
        "before",
        "since",
        "then",
        "to",
        "for",
        "with",
        "about",
    ]
)
# What a break costs, after which kind of word: readers tolerate a cue ending at a
# sentence end best, mid-phrase worst.
_COST_SENTENCE, _COST_CLAUSE, _COST_JOIN, _COST_PHRASE = 0.0, 2.0, 4.0, 9.0
_COST_PER_CUE = 1.0  # prefer fewer, fuller cues
_COST_SENTENCE_INSIDE = 5.0  # a sentence ending mid-cue: short sentences get their own
_COST_SHORT = 1.5  # a cue whose words take under a second (it is shown for one)


def cues_from_words(words: list[WordTime], *, duration: float | None = None) -> list[vtt.Cue]:
    """The cues; with ``duration``, none lasts past the recording's end (the cue editor,
    which holds captions to the recording, must accept what it is given)."""
    if not words:
        return []
    ends = _best_ends(words)
    cues: list[vtt.Cue] = []
    first = 0
    for last in ends:
        group = words[first : last + 1]
        # whole milliseconds, as WebVTT stores them, so the limits hold after writing
        start = _ms(max(group[0].start, cues[-1].end if cues else 0.0))
        next_start = words[last + 1].start if last + 1 < len(words) else None
        end = max(group[-1].end + LINGER_SECONDS, start + MIN_SECONDS)
        if next_start is not None and end > next_start and next_start - start >= MIN_SECONDS:
            end = next_start  # leave the screen when the next words are said
        end = min(end, start + MAX_SECONDS)
        if duration is not None:
            end = max(min(end, duration), group[-1].end)
        end = _ms(end)
        lines = _lines([word.text for word in group])
        cues.append(vtt.Cue(start=start, end=end, text="\n".join(lines)))
        first = last + 1
    return cues


def _ms(seconds: float) -> float:
    return round(seconds * 1000) / 1000


def render(words: list[WordTime], *, duration: float | None = None) -> str:
    """The WebVTT for ``words``, checked by the same strict reader as an upload."""
    return vtt.clean(vtt.render(cues_from_words(words, duration=duration)))


def _best_ends(words: list[WordTime]) -> list[int]:
    """The index of each cue's last word, chosen to cost least overall."""
    count = len(words)
    best = [0.0] + [float("inf")] * count  # best[i]: cost of captioning words[:i]
    choice = [0] * (count + 1)
    for end in range(1, count + 1):
        for begin in range(end - 1, max(end - _MAX_WORDS_PER_CUE, 0) - 1, -1):
            if best[begin] == float("inf"):
                continue
            cost = _cue_cost(words, begin, end)
            if cost is None:
                break  # adding earlier words only makes the cue longer
            if best[begin] + cost < best[end]:
                best[end] = best[begin] + cost
                choice[end] = begin
    ends = []
    end = count
    while end > 0:
        ends.append(end - 1)
        end = choice[end]
    return ends[::-1]


def _cue_cost(words: list[WordTime], begin: int, end: int) -> float | None:
    """What words[begin:end] costs as one cue, or None when it can't be one."""
    group = words[begin:end]
    single = len(group) == 1
    if not single and group[-1].end - group[0].start > MAX_SECONDS:
        return None
    if not single and not _fits([word.text for word in group]):
        return None
    cost = _COST_PER_CUE + _break_cost(words, end - 1)
    cost += _COST_SENTENCE_INSIDE * sum(1 for word in group[:-1] if _ends_sentence(word.text))
    if group[-1].end - group[0].start < MIN_SECONDS:
        cost += _COST_SHORT
    return cost


def _break_cost(words: list[WordTime], last: int) -> float:
    if last == len(words) - 1 or _ends_sentence(words[last].text):
        return _COST_SENTENCE
    if words[last].text.endswith(_CLAUSE_END):
        return _COST_CLAUSE
    if _bare(words[last + 1].text) in _JOINING_WORDS:
        return _COST_JOIN
    return _COST_PHRASE


def _ends_sentence(text: str) -> bool:
    return text.endswith(_SENTENCE_END)


def _bare(text: str) -> str:
    return text.strip("\"'“”‘’()[]").lower()


def _fits(texts: list[str]) -> bool:
    return _lines(texts) is not None and all(len(line) <= LINE_CHARS for line in _lines(texts))


def _lines(texts: list[str]) -> list[str] | None:
    """One line if the words fit on one, else the best split into two (a break after
    punctuation or before a joining word, lines near even); None if two can't hold them."""
    whole = " ".join(texts)
    if len(whole) <= LINE_CHARS or len(texts) == 1:
        return [whole]
    best = None
    for split in range(1, len(texts)):
        top, bottom = " ".join(texts[:split]), " ".join(texts[split:])
        if len(top) > LINE_CHARS or len(bottom) > LINE_CHARS:
            continue
        cost = abs(len(top) - len(bottom)) / LINE_CHARS
        if texts[split - 1].endswith(_SENTENCE_END + _CLAUSE_END):
            cost -= 1.0
        elif _bare(texts[split]) in _JOINING_WORDS:
            cost -= 0.5
        if best is None or cost < best[0]:
            best = (cost, [top, bottom])
    return best[1] if best else None
