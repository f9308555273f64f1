"""Progress of a run while it goes (every phase): one line updated in place on a terminal,
a line every few seconds otherwise, so a slow implementation never means minutes of
silence and a CI log is not flooded.

``CONFORMANCE_PROGRESS_SECONDS`` sets the period of the periodic lines (default 5; 0 turns
them off)."""

from __future__ import annotations

import os
import shutil
import sys
import time

from conformance.errors import HarnessError

ENV = "CONFORMANCE_PROGRESS_SECONDS"
DEFAULT_PERIOD = 5.0
TTY_PERIOD = 0.1  # redraws of the in-place line


def period_from_env() -> float:
    text = os.environ.get(ENV)
    if text is None or text == "":
        return DEFAULT_PERIOD
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not (0 <= value < 10**6):
        raise HarnessError(f"{ENV}={text!r}: expected a number of seconds (0 turns the progress lines off)")
    return value


class Progress:
    def __init__(self, stream=None, period: float | None = None, tty: bool | None = None, clock=time.monotonic):
        self.stream = stream or sys.stdout
        self.tty = self.stream.isatty() if tty is None else tty
        self.period = period_from_env() if period is None else period
        self.clock = clock
        self.last = clock()
        self.shown = False  # an in-place line is on the terminal

    def due(self) -> bool:
        """Whether an update now would be shown (callers skip counting when it would not)."""
        if not self.tty and self.period <= 0:
            return False
        return self.clock() - self.last >= (TTY_PERIOD if self.tty else self.period)

    def update(self, phase: str, done: int, total: int, failed: int, detail: str = "") -> None:
        if not self.due():
            return
        self.last = self.clock()
        text = f"{phase:11s} {done}/{total} done, {failed} failed" + (f"; {detail}" if detail else "")
        if self.tty:
            width = shutil.get_terminal_size().columns - 1
            self.stream.write("\r\033[K" + text[:width])
            self.shown = True
        else:
            self.stream.write(f"... {text}\n")
        self.stream.flush()

    def clear(self) -> None:
        """Remove the in-place line before anything else is printed."""
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False
