"""How far long work has got: counters any code advances, shown only while someone watches.

Code that does countable work calls `advance`: `advance("files parsed")`,
`advance("resources evaluated", len(resources))`, `advance("AWS calls", detail="s3 eu-west-1")`.
The command line opens `watching(message)` around a phase of work: on a terminal it shows a
spinner with the message and the counts; in CI (standard error not a terminal and `CI` set) it
prints one line at most every `CI_INTERVAL` seconds, so that a long collection shows it is
alive; anywhere else it shows nothing. While nobody watches, `advance` returns at once.
"""

from __future__ import annotations

import os
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import TextIO

#: Seconds between two progress lines in CI logs.
CI_INTERVAL = 10.0
_TERMINAL_REFRESH = 0.25
_DETAILS_SHOWN = 3


class _Tally:
    """The counts of one phase of work, written from any thread."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.totals: Counter[str] = Counter()
        self.details: dict[str, Counter[str]] = {}

    def add(self, counter: str, amount: int, detail: str) -> None:
        with self.lock:
            self.totals[counter] += amount
            if detail:
                self.details.setdefault(counter, Counter())[detail] += amount

    def describe(self) -> str:
        """`1,234 AWS calls (s3 eu-west-1: 400, iam us-east-1: 300, ...), 12 files parsed`."""
        with self.lock:
            parts = []
            for counter, total in self.totals.items():
                part = f"{total:,} {counter}"
                details = self.details.get(counter)
                if details:
                    top = details.most_common(_DETAILS_SHOWN)
                    shown = ", ".join(f"{name}: {count:,}" for name, count in top)
                    more = ", ..." if len(details) > len(top) else ""
                    part += f" ({shown}{more})"
                parts.append(part)
        return ", ".join(parts)


# The tally of the phase being watched; None while nobody watches, so counting costs one read.
_current: _Tally | None = None


def _forgotten_in_child() -> None:
    # A forked worker must not count into its copy of the tally: the watching thread, which
    # is not copied, may have held the tally's lock at the moment of the fork, and the copy
    # would stay locked. The parent counts what workers report back.
    global _current
    _current = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forgotten_in_child)


def advance(counter: str, amount: int = 1, *, detail: str = "") -> None:
    """Count `amount` more of `counter` (and of its `detail`, shown beside it) if anyone is
    watching; otherwise do nothing."""
    tally = _current
    if tally is not None:
        tally.add(counter, amount, detail)


def _in_ci(stream: TextIO) -> bool:
    return bool(os.environ.get("CI")) and not stream.isatty()


@contextmanager
def watching(message: str, stream: TextIO | None = None) -> Iterator[None]:
    """Show `message` and the counts advanced inside the block, as the stream allows."""
    global _current
    out = stream if stream is not None else sys.stderr
    terminal = out.isatty()
    if not terminal and not _in_ci(out):
        yield
        return
    tally, previous = _Tally(), _current
    _current = tally
    done = threading.Event()
    try:
        if terminal:
            with _spinner(message, tally, out, done):
                yield
        else:
            with _ci_lines(message, tally, out, done):
                yield
    finally:
        _current = previous


def _line(message: str, tally: _Tally) -> str:
    counts = tally.describe()
    return f"{message} {counts}" if counts else message


@contextmanager
def _spinner(message: str, tally: _Tally, out: TextIO, done: threading.Event) -> Iterator[None]:
    from rich.console import Console  # only a terminal pays for importing it

    with (
        Console(file=out).status(message) as status,
        _every(_TERMINAL_REFRESH, done, lambda: status.update(_line(message, tally))),
    ):
        yield


def _ci_lines(
    message: str, tally: _Tally, out: TextIO, done: threading.Event
) -> AbstractContextManager[None]:
    def report() -> None:
        out.write(f"assaymark: {_line(message, tally)}\n")
        out.flush()

    return _every(CI_INTERVAL, done, report)


@contextmanager
def _every(interval: float, done: threading.Event, action: Callable[[], None]) -> Iterator[None]:
    """Run `action` every `interval` seconds in a thread while the block runs."""

    def repeat() -> None:
        while not done.wait(interval):
            action()

    worker = threading.Thread(target=repeat, name="assaymark-progress", daemon=True)
    worker.start()
    try:
        yield
    finally:
        done.set()
        worker.join()
