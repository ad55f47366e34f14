"""Progress on long work: a bar on a terminal, a few plain lines in a log, nothing when quiet."""

from __future__ import annotations

import sys
from typing import TextIO

LOG_FROM = 1000


class Progress:
    def __init__(self, total: int, label: str, enabled: bool = True, stream: TextIO | None = None):
        self.total, self.label, self.done = total, label, 0
        self.stream = stream or sys.stderr
        self.enabled = enabled and total > 0
        self.terminal = self.stream.isatty()
        self.logged = total >= LOG_FROM  # off a terminal, only long work is worth a line per 10 %
        self._last_tenth = -1

    def advance(self, step: int = 1) -> None:
        self.done += step
        if not self.enabled:
            return
        if self.terminal:
            width = 30
            filled = width * self.done // self.total
            self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}")
            if self.done >= self.total:
                self.stream.write("\n")
            self.stream.flush()
        elif self.logged and (tenth := 10 * self.done // self.total) != self._last_tenth:
            self._last_tenth = tenth
            self.stream.write(f"{self.label}: {self.done}/{self.total}\n")
