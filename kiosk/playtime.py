"""The wall's play log read in passes and summed per hour: seconds per item and revision,
blank and off-hours.

Each pass reads the whole lines written since the last one (from a byte offset, at most
:data:`READ_LIMIT` bytes of them) and gives every span's seconds to the hour they fell in,
a span across an hour's end split at it. Nothing is clipped to what earlier passes saw:
after the clock was set back, the log speaks again of hours already summed, and those
seconds are counted for those hours too (:mod:`kiosk.usage_outbox` seals them as a later
part of the hour). A line torn by a crash is skipped, as :func:`kiosk.playlog.read` does.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from kiosk.clock import as_utc
from kiosk.playlog import FILE_NAME, KINDS
from kiosk.usage_wire import MAX_SPANS

HOUR = timedelta(hours=1)
#: The seconds one batch of an hour may hold: the hour's.
HOUR_SECONDS = 3600.0
#: Bytes read in one pass: a log left unread for months is taken in steps, in bounded memory.
READ_LIMIT = 4 * 1024 * 1024
#: (what, item, revision): one row of an hour.
Key = tuple[str, str | None, int | None]


@dataclass(frozen=True, slots=True)
class Span:
    key: Key
    start: datetime
    end: datetime


def floor_hour(instant: datetime) -> datetime:
    return as_utc(instant).replace(minute=0, second=0, microsecond=0)


def read(state_dir: Path, offset: int) -> tuple[list[Span], int]:
    """The whole spans from ``offset`` on, in the order they were written, and the offset
    after the last whole line read (the next pass starts there)."""
    limit = READ_LIMIT
    try:
        with (Path(state_dir) / FILE_NAME).open("rb") as file:
            file.seek(offset)
            data = file.read(limit)
    except FileNotFoundError:
        return [], offset
    pieces = data.split(b"\n")
    if len(pieces) == 1 and len(data) == limit:
        return [], offset + len(data)  # no line end in a whole read: not a log line, passed over
    found = []
    position = offset
    for raw in pieces[:-1]:  # the last piece has no newline: torn, empty, or beyond the limit
        position += len(raw) + 1
        if span := _span(raw):
            found.append(span)
    return found, position


def by_hour(spans: list[Span], not_before: datetime | None = None) -> dict[str, dict[Key, float]]:
    """Hour start (UTC ISO) → seconds per key; the time before ``not_before`` left out."""
    seconds: dict[str, dict[Key, float]] = defaultdict(lambda: defaultdict(float))
    for span in spans:
        start = span.start if not_before is None else max(span.start, not_before)
        while start < span.end:
            hour = floor_hour(start)
            part_end = min(span.end, hour + HOUR)
            seconds[hour.isoformat()][span.key] += (part_end - start).total_seconds()
            start = part_end
    return {hour: dict(rows) for hour, rows in seconds.items()}


def parts(seconds: dict[Key, float]) -> list[dict[Key, float]]:
    """One hour's seconds in batches the store takes: each at most an hour's seconds and
    :data:`~kiosk.usage_wire.MAX_SPANS` rows, a row split between two when it must be.
    Only an hour the clock went through twice needs more than one."""
    batches: list[dict[Key, float]] = [{}]
    room = HOUR_SECONDS
    for key, total in sorted(seconds.items(), key=_order):
        left = total
        while True:
            if room <= 0 or len(batches[-1]) >= MAX_SPANS:
                batches.append({})
                room = HOUR_SECONDS
            taken = min(left, room)
            batches[-1][key] = batches[-1].get(key, 0.0) + taken
            room -= taken
            left -= taken
            if left <= 0:
                break
    return batches


def _order(entry: tuple[Key, float]) -> tuple[str, str, int]:
    (what, item, revision), _ = entry
    return (what, item or "", revision or 0)


def _span(raw: bytes) -> Span | None:
    try:
        fields = json.loads(raw)
        kind = fields["kind"]
        start = as_utc(datetime.fromisoformat(fields["start"]))
        duration = float(fields["duration"])
        if kind not in KINDS or not 0 <= duration < 10 * 365 * 86400:
            return None
        key: Key = (kind, fields["item"], fields["revision"]) if kind == "slide" else (kind, None, None)
        if kind == "slide" and not (isinstance(key[1], str) and type(key[2]) is int):
            return None
        return Span(key, start, start + timedelta(seconds=duration))
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
        return None
