"""Pasted text as the aligner needs it: the words a person will read in the captions (as
typed, punctuation kept) and, for each, the words the dictionary knows to listen for."""

import re
import unicodedata
from dataclasses import dataclass

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPEAKABLE = re.compile(r"[^\W_]")  # a letter or digit in any script
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
_PARTS = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_SYMBOLS = {"&": "and", "%": "percent", "+": "plus", "=": "equals", "@": "at"}
_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$")

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORDINAL_ENDINGS = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}


@dataclass(frozen=True)
class Word:
    text: str  # as pasted, with the punctuation around it: "morning," or "week's"
    spoken: tuple[str, ...]  # lower-case dictionary forms: ("three",), ("well", "being")


def words_of(pasted: str) -> list[Word]:
    """Whitespace-separated words; punctuation on its own ("—", "...") joins the word
    before it, so every caption word has something to say."""
    words: list[Word] = []
    pending = ""  # punctuation before the first word
    for token in _CONTROL.sub(" ", pasted).split():
        spoken = spoken_forms(token)
        if not spoken and not _SPEAKABLE.search(token):
            if words:
                last = words[-1]
                words[-1] = Word(text=f"{last.text} {token}", spoken=last.spoken)
            else:
                pending = f"{pending}{token} "
            continue
        words.append(Word(text=f"{pending}{token}", spoken=spoken))
        pending = ""
    return words


def spoken_forms(token: str) -> tuple[str, ...]:
    token = token.translate(_APOSTROPHES).lower()
    if token in _SYMBOLS:
        return (_SYMBOLS[token],)
    spoken: list[str] = []
    for part in _PARTS.findall(token):
        ordinal = _ORDINAL.match(part)
        if ordinal and len(ordinal.group(1)) <= 4:
            spoken.extend(_ordinal_words(int(ordinal.group(1))))
        elif part.isdigit() and len(part) <= 4:
            spoken.extend(number_words(int(part)))
        elif part.isdigit():
            spoken.extend(_ONES[int(digit)] for digit in part)  # a phone number, a code
        else:
            spoken.append(part)
    return tuple(spoken)


def number_words(number: int) -> list[str]:
    """0 to 9999 as said aloud: 2026 -> two thousand twenty six, 1990 -> nineteen ninety."""
    if number < 20:
        return [_ONES[number]]
    if number < 100:
        tens, ones = divmod(number, 10)
        return [_TENS[tens]] + ([_ONES[ones]] if ones else [])
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        return [_ONES[hundreds], "hundred"] + (number_words(rest) if rest else [])
    if 1100 <= number < 2000 or (number >= 2100 and number % 100):
        high, low = divmod(number, 100)  # years: nineteen ninety, twenty twenty six
        return number_words(high) + (number_words(low) if low >= 10 else ["oh", _ONES[low]])
    thousands, rest = divmod(number, 1000)
    return [_ONES[thousands], "thousand"] + (number_words(rest) if rest else [])


def _ordinal_words(number: int) -> list[str]:
    words = number_words(number)
    last = words[-1]
    if last in _ORDINAL_ENDINGS:
        words[-1] = _ORDINAL_ENDINGS[last]
    elif last.endswith("y"):
        words[-1] = last[:-1] + "ieth"
    else:
        words[-1] = last + "th"
    return words


# A rough English letter-to-sound guess for names the dictionary lacks ("Aroha", "Wiremu"):
# close enough that the aligner gives the name its own stretch of sound instead of lending
# it to a neighbour. Longest spelling first.
_LETTER_SOUNDS = [
    ("tch", "CH"), ("sch", "SH"), ("igh", "AY"),
    ("ch", "CH"), ("sh", "SH"), ("th", "TH"), ("ph", "F"), ("ng", "NG"), ("ck", "K"),
    ("qu", "K W"), ("wh", "W"), ("gh", "G"), ("ee", "IY"), ("ea", "IY"), ("oo", "UW"),
    ("ou", "AW"), ("ow", "OW"), ("ai", "EY"), ("ay", "EY"), ("ei", "EY"), ("ey", "EY"),
    ("oa", "OW"), ("ie", "IY"), ("au", "AO"), ("aw", "AO"), ("oi", "OY"), ("oy", "OY"),
    ("a", "AA"), ("b", "B"), ("c", "K"), ("d", "D"), ("e", "EH"), ("f", "F"), ("g", "G"),
    ("h", "HH"), ("i", "IY"), ("j", "JH"), ("k", "K"), ("l", "L"), ("m", "M"), ("n", "N"),
    ("o", "OW"), ("p", "P"), ("q", "K"), ("r", "R"), ("s", "S"), ("t", "T"), ("u", "UW"),
    ("v", "V"), ("w", "W"), ("x", "K S"), ("y", "Y"), ("z", "Z"),
]  # fmt: skip


def guess_phones(word: str) -> str:
    """CMU phones for ``word`` spelled out by rule, or "" when it has no Latin letters."""
    letters = "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if "a" <= c <= "z")
    if len(letters) > 3 and letters.endswith("e") and letters[-2] not in "aeiou":
        letters = letters[:-1]  # English spelling's silent final e: Jane, Blake
    phones: list[str] = []
    position = 0
    while position < len(letters):
        for spelling, sound in _LETTER_SOUNDS:
            if letters.startswith(spelling, position):
                if not (phones and phones[-1] == sound and len(spelling) == 1):
                    phones.extend(sound.split())  # a doubled letter is one sound
                position += len(spelling)
                break
    return " ".join(phones)
