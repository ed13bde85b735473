"""CSV files that are safe to open in a spreadsheet: the one way Rapport writes CSV.

Learners type the text that ends up in exports, and staff open those files in Excel,
LibreOffice or Google Sheets. A cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a
tab or carriage return) is run as a formula there — and so is the text after any
separator a spreadsheet may split a cell on when it guesses the delimiter (``;=3+3`` in a
semicolon locale), and the full-width forms (``＝``) that some spreadsheets fold to ASCII.
Every such start gets an apostrophe in front, which spreadsheets read as "this is text".
Every field is quoted too, so no separator inside a cell can start a new one.
"""

import csv
import unicodedata
from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse

# Characters a spreadsheet may split a cell on when it guesses the delimiter, with their
# full-width twins.
SEPARATORS = frozenset(",;|\t\r\n\uff0c\uff1b\uff5c")
_FORMULA_ASCII = "=+-@"
# Control characters that also make a cell a formula in some spreadsheets.
_FORMULA_CONTROLS = frozenset("\t\r\n")
# Minus-like signs NFKC leaves alone but spreadsheets may accept.
_FORMULA_EXTRA = frozenset("\u2212")


def is_formula_start(character: str) -> bool:
    return (
        character in _FORMULA_CONTROLS
        or character in _FORMULA_EXTRA
        or unicodedata.normalize("NFKC", character) in _FORMULA_ASCII
    )


def neutralise(value) -> str:
    """``value`` as text with an apostrophe before every formula start: at the beginning
    of the cell, and after any separator (spaces in between are skipped, as spreadsheets
    skip them)."""
    text = "" if value is None else str(value)
    out: list[str] = []
    at_cell_start = True
    for character in text:
        if at_cell_start and is_formula_start(character):
            out.append("'")
            at_cell_start = character in SEPARATORS
        elif character in SEPARATORS:
            at_cell_start = True
        elif not character.isspace():
            at_cell_start = False
        out.append(character)
    return "".join(out)


class _Echo:
    """A file-like object whose write hands back the line, for csv.writer."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Iterable]) -> Iterator[str]:
    """The file, line by line: a UTF-8 byte-order mark (so spreadsheets read accents),
    then each row with every field quoted and neutralised."""
    writer = csv.writer(_Echo(), quoting=csv.QUOTE_ALL)
    yield "\ufeff"
    for row in rows:
        yield writer.writerow([neutralise(cell) for cell in row])


def csv_response(rows: Iterable[Iterable], *, filename: str) -> StreamingHttpResponse:
    """A streamed, private CSV download of ``rows``."""
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
