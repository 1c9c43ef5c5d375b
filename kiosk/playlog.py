"""Proof of play: the wall's append-only log of what it showed, span by span.

Each span is one JSON line: ``kind`` (``slide``, ``blank`` or ``off-hours``), for a slide
the ``item``, ``revision`` and ``page``, its ``start`` (ISO 8601 UTC) and its ``duration``
in seconds. A span is written when it ends (its duration is known then), appended with
``O_APPEND`` and flushed to disk, so the log only ever grows; a crash loses at most the
span on screen, and a line torn by it is skipped when the log is read. Spans follow one
another without gaps: the wall always shows something, a slide or nothing.

Plain Python, driven by the clock the wall runs on; the Qt bridge calls :meth:`PlayLog.show`
when the wall changes what it shows. The span is measured there and then; writing it (an
fsync) is handed to :attr:`PlayLog.defer`, which the bridge points at its background
runner's play-log lane, so the wall's thread never waits for the disk and the lines keep
their order.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

KINDS = ("slide", "blank", "off-hours")
FILE_NAME = "playlog.jsonl"


class Clock(Protocol):
    def now(self) -> datetime: ...


@dataclass(frozen=True)
class Span:
    kind: str
    start: str
    duration: float
    item: str | None = None
    revision: int | None = None
    page: int | None = None


@dataclass
class _Showing:
    kind: str
    start: datetime
    item: str | None
    revision: int | None
    page: int | None


class PlayLog:
    """The log at ``state_dir/playlog.jsonl``; one writer (the wall's process)."""

    def __init__(self, state_dir: Path, clock: Clock) -> None:
        self.path = Path(state_dir) / FILE_NAME
        self.clock = clock
        self._showing: _Showing | None = None
        #: Runs ``fn(*args)``, later but in order: the bridge's background lane (None: at once).
        self.defer: Callable[..., object] | None = None
        #: Whether the file's end was checked for a line torn by a crash before this start.
        self._tail_checked = False

    def show(self, kind: str, item: str | None = None, revision: int | None = None, page: int | None = None) -> None:
        """The wall now shows this: the span before ends (and is written), this one begins."""
        if kind not in KINDS:
            raise ValueError(f"unknown span kind {kind!r}")
        if kind == "slide" and (item is None or revision is None or page is None):
            raise ValueError("a slide span names its item, revision and page")
        showing = self._showing
        if showing is not None and (showing.kind, showing.item, showing.revision, showing.page) == (
            kind,
            item,
            revision,
            page,
        ):
            return  # the same again (the wall re-laid it out): one span goes on
        now = self.clock.now()
        self._end(now)
        self._showing = _Showing(kind, now, item, revision, page)

    def close(self) -> None:
        """The wall stops (the process ends): the span on screen ends now."""
        self._end(self.clock.now())
        self._showing = None

    def _end(self, now: datetime) -> None:
        showing = self._showing
        if showing is None:
            return
        # A clock stepped back (NTP) must not write a negative span.
        duration = max(0.0, (now - showing.start).total_seconds())
        span = Span(showing.kind, showing.start.isoformat(), duration, showing.item, showing.revision, showing.page)
        if self.defer is None:
            self._append(span)
        else:
            self.defer(self._append, span)

    def _append(self, span: Span) -> None:
        line = (json.dumps(asdict(span), ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            if not self._tail_checked:
                # A line torn by a crash would swallow this one: end it first.
                size = os.fstat(fd).st_size
                if size and os.pread(fd, 1, size - 1) != b"\n":
                    line = b"\n" + line
                self._tail_checked = True
            os.write(fd, line)
            os.fsync(fd)
        finally:
            os.close(fd)


def read(state_dir: Path) -> Iterator[Span]:
    """Every whole span in the log, oldest first; a torn or damaged line is skipped."""
    path = Path(state_dir) / FILE_NAME
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return
    for raw in data.split(b"\n"):
        try:
            fields = json.loads(raw)
            yield Span(**fields)
        except (ValueError, TypeError):
            continue
