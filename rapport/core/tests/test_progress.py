"""The commands' terminal progress bar."""

import io

from django.core.management.base import OutputWrapper

from rapport.core.management.progress import ProgressBar


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_writes_a_line_per_step_when_not_on_a_terminal():
    out = io.StringIO()
    bar = ProgressBar(OutputWrapper(out), "Importing", width=10)
    bar(0.0)
    bar(0.5)
    bar(1.2)  # never past full
    assert out.getvalue().splitlines() == [
        "Importing [----------]   0%",
        "Importing [#####-----]  50%",
        "Importing [##########] 100%",
    ]


def test_the_bar_redraws_in_place_on_a_terminal():
    out = Terminal()
    ProgressBar(OutputWrapper(out), "Forming", width=4)(0.25)
    assert out.getvalue() == "Forming [#---]  25%\r"
