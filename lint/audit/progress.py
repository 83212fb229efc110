"""Progress: a tqdm bar on a terminal; plain lines (every few seconds) otherwise; nothing with --quiet."""

from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, total: int | None = None, quiet: bool = False, stream=None, every: float = 5.0):
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.total = total
        self.done = self.errors = 0
        self.start = time.monotonic()
        self.last = self.start
        self.every = every
        self.bar = None
        if not quiet and getattr(self.stream, "isatty", lambda: False)():
            try:
                from tqdm import tqdm

                self.bar = tqdm(total=total, unit="page", file=self.stream, dynamic_ncols=True, smoothing=0.1)
            except ImportError:
                self.bar = None

    def set_total(self, total: int | None):
        self.total = total
        if self.bar is not None and total is not None:
            self.bar.total = total
            self.bar.refresh()

    def update(self, rec: dict):
        self.done += 1
        if rec.get("error"):
            self.errors += 1
        if self.quiet:
            return
        if self.bar is not None:
            self.bar.update(1)
            self.bar.set_postfix(errors=self.errors, refresh=False)
            return
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            self.stream.write(self.line() + "\n")
            self.stream.flush()

    def line(self) -> str:
        el = max(1e-9, time.monotonic() - self.start)
        rate = self.done / el
        s = f"newslint audit: {self.done} pages, {rate:.1f} pages/s, {self.errors} errors"
        if self.total and rate > 0:
            left = max(0, self.total - self.done) / rate
            s += f", ETA {int(left // 3600)}:{int(left % 3600 // 60):02d}:{int(left % 60):02d}"
        return s

    def close(self):
        if self.bar is not None:
            self.bar.close()
        elif not self.quiet:
            self.stream.write(self.line() + f" in {time.monotonic() - self.start:.1f} s\n")
            self.stream.flush()
