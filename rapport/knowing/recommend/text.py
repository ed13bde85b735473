"""Words from what people wrote: lowercase, stopwords out, a light Snowball stem.

Pure Python (no Django), shared by the ranker and by the class insights' grouping of goals,
so "wetlands" in a goal and "wetland" in a resource's tags are the same word to both.
"""

import re
from collections.abc import Iterable
from functools import lru_cache

import Stemmer
from bm25s.stopwords import STOPWORDS_EN

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

# Lucene's list (bm25s) plus the everyday words goals are made of ("I want to learn more
# about…", "what the numbers mean", "well enough to explain it") — they say nothing about
# what a person cares about, so they must match nothing. Verbs like "read" and "explain"
# are here too: stemming would otherwise make an interest in "reading" (books) match a
# resource that shows "how to read the air quality index".
_EVERYDAY = """
    i me my mine myself we us our ours you your yours he him his she her hers its them
    theirs what which who whom whose when where why how all any both each few more most
    other some own same so than too very can could would should shall may might must do
    does did doing done have has had having am were been being just also only about
    above after again against before below between during from further here once out
    over under until up down off through while because s t don't i'm i've i'd it's
    can't won't want wants wanted wanting hope hoping like get gets getting got
    learn learning learned know knowing knew understand understanding better really
    thing things stuff lot lots much many well way ways make making made one two new
    something someone anything everything maybe even still already able
    course class help helps helping need needs try trying go going see look looking
    good great especially finally actually kind sort bit little day days week year years
    time take taking start starting become work working onto per via etc without within
    towards toward across around among along upon
    mean means meant meaning use uses used using enough every everyone everybody read
    reads reading explain explains explained explaining show shows showing shown tell
    tells telling keep keeps kept whether though although yet ever never always often
    sometimes whole part parts people person properly instead just really truly
    honestly able else less least next last first second lots together maybe perhaps
    put puts let lets say says said think thinks thought feel feels felt give gives
    find finds found come comes came bring brings right sure real happen happens
    happened happening
"""
STOPWORDS = frozenset(STOPWORDS_EN) | frozenset(_EVERYDAY.split())

_stemmer = Stemmer.Stemmer("english")


def words(text: str) -> list[str]:
    """The meaningful words of ``text``, lowercased, in order (stopwords removed)."""
    return [word for word in _WORD.findall(text.lower().replace("’", "'")) if _keep(word)]


def _keep(word: str) -> bool:
    return word not in STOPWORDS and (len(word) > 1 or word.isdigit())


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    return _stemmer.stemWord(word)


def stems(text: str) -> list[str]:
    return [stem(word) for word in words(text)]


def phrases(text: str) -> list[tuple[str, ...]]:
    """Runs of meaningful words: stopwords and punctuation break a run, so two-word phrases
    are taken only from words that really stood side by side ("wildfire smoke")."""
    runs: list[tuple[str, ...]] = []
    for chunk in re.split(r"[.,;:!?()\[\]\n/]+", text.lower().replace("’", "'")):
        run: list[str] = []
        for word in _WORD.findall(chunk):
            if _keep(word):
                run.append(word)
            elif run:
                runs.append(tuple(run))
                run = []
        if run:
            runs.append(tuple(run))
    return runs


def bigrams(runs: Iterable[tuple[str, ...]]) -> list[tuple[str, str]]:
    return [(run[i], run[i + 1]) for run in runs for i in range(len(run) - 1)]
