"""A terminal progress bar for management commands: pass it as a service's
``on_progress(done)`` callback, ``done`` running from 0.0 to 1.0."""

BAR_WIDTH = 30


class ProgressBar:
    """Draws ``Label [#####-----]  50%`` on a command's output: redrawn in place on a
    terminal, one line per step when the output goes to a file or a test's capture."""

    def __init__(self, stream, label: str, width: int = BAR_WIDTH):
        self.stream, self.label, self.width = stream, label, width

    def __call__(self, done: float) -> None:
        done = min(max(done, 0.0), 1.0)
        filled = int(done * self.width)
        line = f"{self.label} [{'#' * filled}{'-' * (self.width - filled)}] {int(done * 100):3d}%"
        self.stream.write(line, ending="\r" if self.stream.isatty() else "\n")
        self.stream.flush()
