"""Progress of a task's work, kept where a polling page can read it mid-transaction."""

from rapport.core.progress import progress_forget, progress_read, progress_report


def test_progress_is_a_whole_percent_between_0_and_100():
    progress_report("import:1", 0.456)
    assert progress_read("import:1") == 45
    progress_report("import:1", 1.7)
    assert progress_read("import:1") == 100
    progress_report("import:1", -0.2)
    assert progress_read("import:1") == 0


def test_unknown_or_forgotten_progress_reads_as_the_default():
    assert progress_read("import:2", 7) == 7
    progress_report("import:2", 0.5)
    progress_forget("import:2")
    assert progress_read("import:2", 3) == 3
