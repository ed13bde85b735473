"""CSV exports never carry a live spreadsheet formula, whatever the learner typed."""

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rapport.core.csvsafe import SEPARATORS, csv_lines, is_formula_start, neutralise

# (typed, written) — the corpus of formula starts, at the beginning and after separators.
CORPUS = [
    ("=1+1", "'=1+1"),
    ("+1", "'+1"),
    ("-1", "'-1"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\tx", "'\tx"),
    ("\rx", "'\rx"),
    (";=3+3", ";'=3+3"),
    ("ok;=3+3", "ok;'=3+3"),
    ("a,=1", "a,'=1"),
    ("a|=1", "a|'=1"),
    ("a\t=1", "a\t'=1"),
    ("a\n@x", "a\n'@x"),
    ("a; =1", "a; '=1"),
    (" =1", " '=1"),
    ("＝1+1", "'＝1+1"),
    ("＋1", "'＋1"),
    ("－1", "'－1"),
    ("＠x", "'＠x"),
    ("a；＝1", "a；'＝1"),
    ("a，＝1", "a，'＝1"),
    ("−1", "'−1"),
    ('=HYPERLINK("http://evil.test","x")', '\'=HYPERLINK("http://evil.test","x")'),
    # Harmless text is left exactly as typed.
    ("Fine = fine", "Fine = fine"),
    ("e-mail me", "e-mail me"),
    ("2+2 is 4", "2+2 is 4"),
    ("", ""),
]


@pytest.mark.parametrize(("typed", "written"), CORPUS)
def test_corpus(typed, written):
    assert neutralise(typed) == written


def test_none_becomes_empty():
    assert neutralise(None) == ""


def _cells_a_spreadsheet_might_see(text: str) -> list[str]:
    """Split on every separator a spreadsheet might guess, and drop leading spaces."""
    pieces, current = [], ""
    for character in text:
        if character in SEPARATORS:
            pieces.append(current)
            current = ""
        else:
            current += character
    pieces.append(current)
    return [piece.lstrip(" ") for piece in pieces]


@given(st.text(alphabet=st.sampled_from("=+-@＝＋－＠;,|\t\r\n ；，ab1"), max_size=30))
def test_no_piece_of_a_neutralised_cell_starts_a_formula(text):
    for piece in _cells_a_spreadsheet_might_see(neutralise(text)):
        assert not piece or not is_formula_start(piece[0])


def test_every_field_is_quoted_and_the_file_reads_back():
    lines = list(csv_lines([["Name", 3], [";=3+3", "plain"]]))
    assert lines[0] == "\ufeff"
    assert lines[1] == '"Name","3"\r\n'
    assert lines[2] == '"' + ";'=3+3" + '","plain"\r\n'
    assert list(csv.reader(io.StringIO("".join(lines[1:])))) == [
        ["Name", "3"],
        [";'=3+3", "plain"],
    ]
