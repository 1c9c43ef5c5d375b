"""The outbox of anonymous use: each hour that is over, sealed once into batches for the store.

Use counts: when an hour has ended, one transaction turns its cells into one batch — the
body :func:`kiosk.usage.report` gives (cells under the threshold as ``"< N"``, search terms
too rare to leave dropped) — and deletes the raw cells, so a term typed by one visitor is
gone from the kiosk as well (``secure_delete``). A count committed just after its hour was
sealed is counted in the next open hour (:class:`kiosk.usage.Usage`), never lost.

Play time: each pass reads the wall's log (:mod:`kiosk.playlog`) on from where the last
stopped and adds its seconds per hour (:mod:`kiosk.playtime`) to ``play_open``; an hour is
sealed once the newest span read has ended past it. Where the log was read to, the seconds
added and the batches sealed are one transaction, so a crash at any point neither loses a
second nor counts one twice. After the clock was set back the log speaks again of hours
already sealed: their new seconds are sealed as a later part of the hour (``play/HOUR/2``…),
and an hour holding more seconds than it has (the clock went through it twice before it was
sealed) is sealed in several parts, each within the hour's 3,600 seconds.

A batch's bytes are fixed when it is sealed (:mod:`kiosk.usage_wire`), so every retry sends
the same bytes under the same id; it is marked sent only when the store's answer names
that id, and set aside only for the store's own refusal for good. Plain Python, in the
counts file (``state_dir/usage.sqlite3``); used by the sync service's upload job.
"""

from __future__ import annotations

import json
import threading
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk import playtime, usage, usage_wire
from kiosk.clock import as_utc


@dataclass(frozen=True, slots=True)
class Batch:
    id: str
    kind: str
    hour: str
    body: bytes
    attempts: int


class UsageOutbox:
    def __init__(self, state_dir: Path) -> None:
        self.state_dir = Path(state_dir)
        self._db = usage.connect(self.state_dir)
        self._lock = threading.Lock()

    def close(self) -> None:
        self._db.close()

    def seal(self, now: datetime, threshold: int) -> int:
        """Seal every hour that is over and not yet sealed; the number of batches made."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")  # no count slips in between the read and the delete
            try:
                made = self._seal_use(usage.hour_of(now), threshold) + self._seal_play()
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
            return made

    def pending(self) -> list[Batch]:
        """Batches waiting for the store, least tried first, then oldest."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id, kind, hour, body, attempts FROM batches WHERE state = 'pending'"
                " ORDER BY attempts, hour, kind"
            ).fetchall()
        return [Batch(r[0], r[1], r[2], bytes(r[3]), r[4]) for r in rows]

    def acknowledged(self, batch_id: str) -> None:
        self._set(batch_id, "sent", None)

    def failed(self, batch_id: str, error: str) -> None:
        with self._lock:
            self._db.execute(
                "UPDATE batches SET attempts = attempts + 1, last_error = ? WHERE id = ?", (error[:500], batch_id)
            )

    def rejected(self, batch_id: str, error: str) -> None:
        """The store refused these bytes for good: kept aside (counted in the status)."""
        self._set(batch_id, "rejected", error)

    def counts(self) -> dict[str, Any]:
        """What waits: batches sealed and not yet acknowledged, set aside, and hours of
        counts still open (not over, or not yet sealed)."""
        with self._lock:
            states = dict(self._db.execute("SELECT state, count(*) FROM batches GROUP BY state").fetchall())
            open_hours = self._db.execute("SELECT count(DISTINCT hour) FROM cells").fetchone()[0]
            oldest = self._db.execute("SELECT min(hour) FROM batches WHERE state = 'pending'").fetchone()[0]
        return {
            "pending": states.get("pending", 0),
            "set_aside": states.get("rejected", 0),
            "sent": states.get("sent", 0),
            "open_hours": open_hours,
            "oldest_pending": oldest,
        }

    # -- internals --------------------------------------------------------------------

    def _set(self, batch_id: str, state: str, error: str | None) -> None:
        with self._lock:
            self._db.execute(
                "UPDATE batches SET state = ?, last_error = ? WHERE id = ?",
                (state, error[:500] if error else None, batch_id),
            )

    def _add(self, kind: str, hour: str, content: dict[str, Any], part: int = 1) -> None:
        batch_id = usage_wire.batch_id(kind, hour, part)
        numbered = {"part": part} if part > 1 else {}
        body = usage_wire.encode({"id": batch_id, "kind": kind, "hour": hour, **content, **numbered})
        self._db.execute("INSERT INTO batches (id, kind, hour, body) VALUES (?, ?, ?, ?)", (batch_id, kind, hour, body))

    def _seal_use(self, current_hour: str, threshold: int) -> int:
        cells = self._db.execute(
            "SELECT hour, metric, key, count FROM cells WHERE hour < ? ORDER BY hour, metric, key", (current_hour,)
        ).fetchall()
        by_hour: dict[str, list[tuple[str, str, str, int]]] = defaultdict(list)
        for cell in cells:
            by_hour[cell[0]].append(tuple(cell))
        for hour, rows in by_hour.items():
            reported = [
                {"metric": r["metric"], "key": r["key"], "count": r["count"]} for r in usage.report(rows, threshold)
            ]
            self._add("use", hour, {"threshold": threshold, "cells": reported})
        self._db.execute("DELETE FROM cells WHERE hour < ?", (current_hour,))
        return len(by_hour)

    def _seal_play(self) -> int:
        offset, newest, not_before = self._play_read()
        spans, offset = playtime.read(self.state_dir, offset)
        for hour, rows in playtime.by_hour(spans, not_before).items():
            self._db.executemany(
                "INSERT INTO play_open VALUES (?, ?, ?)"
                " ON CONFLICT (hour, key) DO UPDATE SET seconds = seconds + excluded.seconds",
                [(hour, json.dumps(key), seconds) for key, seconds in rows.items()],
            )
        if spans:
            newest = spans[-1].end  # written in order: the last line is the wall's latest
        self._db.execute(
            "INSERT INTO play_read VALUES (1, ?1, ?2) ON CONFLICT (one) DO UPDATE SET offset = ?1, newest = ?2",
            (offset, newest.isoformat() if newest else None),
        )
        if newest is None:
            return 0
        over = playtime.floor_hour(newest).isoformat()
        by_hour: dict[str, dict[playtime.Key, float]] = defaultdict(dict)
        for hour, key, seconds in self._db.execute("SELECT hour, key, seconds FROM play_open WHERE hour < ?", (over,)):
            what, item, revision = json.loads(key)
            by_hour[hour][(what, item, revision)] = seconds
        made = 0
        for hour, seconds in sorted(by_hour.items()):
            # Batches are kept after they are sent, so the count of an hour's parts so far
            # gives the next part's number and no id is used twice.
            (sealed,) = self._db.execute(
                "SELECT count(*) FROM batches WHERE kind = 'play' AND hour = ?", (hour,)
            ).fetchone()
            for number, rows in enumerate(playtime.parts(seconds), start=sealed + 1):
                spans_out = [
                    {"what": what, "item": item, "revision": revision, "seconds": round(total, 3)}
                    for (what, item, revision), total in rows.items()
                ]
                self._add("play", hour, {"spans": spans_out}, number)
                made += 1
        self._db.execute("DELETE FROM play_open WHERE hour < ?", (over,))
        return made

    def _play_read(self) -> tuple[int, datetime | None, datetime | None]:
        """Where the log's reading goes on: the offset, the newest span's end, and for a file
        that summed the log the older way (once), the instant before which it had counted."""
        row = self._db.execute("SELECT offset, newest FROM play_read").fetchone()
        if row is not None:
            return row[0], as_utc(datetime.fromisoformat(row[1])) if row[1] else None, None
        old = None
        if self._db.execute("SELECT 1 FROM sqlite_master WHERE name = 'play_state'").fetchone():
            old = self._db.execute("SELECT through, offset FROM play_state").fetchone()
            self._db.execute("DROP TABLE play_state")  # with this pass's commit, or not at all
        if not old or not old[0]:
            return (old[1] or 0) if old else 0, None, None
        through = as_utc(datetime.fromisoformat(old[0]))
        # The older way re-read the line that reached past ``through`` and counted only its
        # later part; counting from ``through`` once more, for this pass, does the same.
        return old[1] or 0, through, through


def open_counts(state_dir: Path) -> dict[str, Any]:
    """What waits for upload, for ``kiosk status``; raises :class:`sqlite3.Error` when the
    counts file cannot be read."""
    outbox = UsageOutbox(state_dir)
    try:
        return outbox.counts()
    finally:
        outbox.close()
