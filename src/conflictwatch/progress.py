"""A progress line for long commands: drawn on a terminal, silent in a pipe."""

from __future__ import annotations

import time
from typing import TextIO


class Progress:
    """Counts items and redraws one line on ``stream`` at most a few times a second.

    Nothing is written unless ``stream`` is a terminal (or ``enabled`` is given), so
    logs and pipes stay clean. ``total`` (when known) draws a bar.
    """

    def __init__(self, stream: TextIO, label: str, total: int | None = None, enabled: bool | None = None) -> None:
        self.stream = stream
        self.label = label
        self.total = total
        self.enabled = stream.isatty() if enabled is None else enabled
        self.done = 0
        self.note = ""
        self.started = time.monotonic()
        self._drawn = 0.0

    def advance(self, note: str = "", count: int = 1) -> None:
        """Count ``count`` more items; ``note`` says something about the last."""
        self.done += count
        self.note = note
        now = time.monotonic()
        if self.enabled and now - self._drawn >= 0.2:
            self._drawn = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        rate = self.done / max(now - self.started, 1e-9)
        if self.total:
            share = min(1.0, self.done / self.total)
            bar = "#" * int(share * 24)
            head = f"{self.label} [{bar:<24}] {self.done}/{self.total}"
        else:
            head = f"{self.label} {self.done}"
        line = f"{head} ({rate:.1f}/s) {self.note}"[:100]
        self.stream.write("\r" + line.ljust(100))
        self.stream.flush()

    def close(self) -> None:
        """Clear the line (a terminal only)."""
        if self.enabled:
            self.stream.write("\r" + " " * 100 + "\r")
            self.stream.flush()
