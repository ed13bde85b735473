"""Characters that make text lie about itself: controls and line breaks, bidi overrides
and isolates, zero-width characters. Names refuse them (accounts.names); email headers
built from text people typed drop them, so rows saved before that check still send."""

import re
import unicodedata

# Bidi embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069).
BIDI_CONTROLS = frozenset(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))
# Zero-width space, non-joiner, joiner, word joiner and the byte-order mark.
ZERO_WIDTH = frozenset(map(chr, [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF]))
# Unicode's own line and paragraph separators break lines just like CR and LF.
LINE_SEPARATORS = frozenset({"\u2028", "\u2029"})

_SPACES = re.compile(r"\s+")


def is_hidden_character(char: str) -> bool:
    return (
        char in BIDI_CONTROLS
        or char in ZERO_WIDTH
        or char in LINE_SEPARATORS
        or unicodedata.category(char) == "Cc"  # C0/C1 controls: CR, LF, tab, NUL, DEL…
    )


def hidden_character(text: str) -> str | None:
    """The first hidden character in ``text``, if any."""
    return next((char for char in text if is_hidden_character(char)), None)


def one_line(text: str) -> str:
    """``text`` fit for an email header: hidden characters become spaces, runs of spaces
    one. Django refuses a header with CR or LF in it (BadHeaderError), so a name saved with
    a line break would otherwise make every email naming that person fail in the worker."""
    shown = "".join(" " if is_hidden_character(char) else char for char in str(text))
    return _SPACES.sub(" ", shown).strip()
