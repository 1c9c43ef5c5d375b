"""The wall's play log summed per hour: seconds per item and revision, blank and off-hours.

A span that runs across an hour's end is split at it. An hour is *over* for the log once
the log holds a span ending at or after the hour's end: spans are written when they end
and follow one another, so nothing written later can fall into it. Reading starts from
a byte offset and an instant (what was summed before), so each pass reads only new lines
and never counts a second twice; a line torn by a crash is skipped, as
:func:`kiosk.playlog.read` does.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from kiosk.clock import as_utc
from kiosk.playlog import FILE_NAME, KINDS

HOUR = timedelta(hours=1)
#: (what, item, revision): one row of an hour.
Key = tuple[str, str | None, int | None]


@dataclass(frozen=True, slots=True)
class Hours:
    """What the log says from ``offset`` on about the hours that are over."""

    #: Hour start (UTC ISO) → seconds per (what, item, revision), for the hours that are over.
    seconds: dict[str, dict[Key, float]]
    #: Everything before this instant is summed (the end of the last hour that is over).
    through: datetime | None
    #: Where the next pass starts reading: the first line that still reaches past ``through``.
    offset: int


def floor_hour(instant: datetime) -> datetime:
    return as_utc(instant).replace(minute=0, second=0, microsecond=0)


def over(state_dir: Path, offset: int, through: datetime | None) -> Hours:
    """The hours that are over in the log's lines from ``offset``, not counting the time
    before ``through`` (summed in an earlier pass)."""
    lines, read_to = _lines(Path(state_dir) / FILE_NAME, offset)
    if not lines:
        return Hours({}, through, offset)
    new_through = floor_hour(max(end for _, _, _, end in lines))
    if through is not None and new_through <= through:
        return Hours({}, through, offset)
    seconds: dict[str, dict[Key, float]] = defaultdict(lambda: defaultdict(float))
    for _, key, start, end in lines:
        if through is not None:
            start = max(start, through)
        end = min(end, new_through)
        while start < end:
            hour = floor_hour(start)
            part_end = min(end, hour + HOUR)
            seconds[hour.isoformat()][key] += (part_end - start).total_seconds()
            start = part_end
    # The first line that ends after the new boundary is read again next time, for its later part.
    again = next((position for position, _, _, end in lines if end > new_through), read_to)
    return Hours({h: dict(rows) for h, rows in seconds.items()}, new_through, again)


def _lines(path: Path, offset: int) -> tuple[list[tuple[int, Key, datetime, datetime]], int]:
    """(position of the line, key, start, end) of each whole span from ``offset``, and the
    end of the last whole line."""
    try:
        with path.open("rb") as file:
            file.seek(offset)
            data = file.read()
    except FileNotFoundError:
        return [], offset
    found = []
    position = offset
    for raw in data.split(b"\n")[:-1]:  # the last piece has no newline: torn, or empty
        here, position = position, position + len(raw) + 1
        try:
            fields = json.loads(raw)
            kind = fields["kind"]
            start = as_utc(datetime.fromisoformat(fields["start"]))
            duration = float(fields["duration"])
            if kind not in KINDS or not 0 <= duration < 10 * 365 * 86400:
                continue
            key: Key = (kind, fields["item"], fields["revision"]) if kind == "slide" else (kind, None, None)
            if kind == "slide" and not (isinstance(key[1], str) and type(key[2]) is int):
                continue
        except (ValueError, TypeError, KeyError, AttributeError):
            continue
        found.append((here, key, start, start + timedelta(seconds=duration)))
    return found, position
