"""The outbox of anonymous use: each hour that is over, sealed once into batches for the store.

Use counts: when an hour has ended, one transaction turns its cells into one batch — the
body :func:`kiosk.usage.report` gives (cells under the threshold as ``"< N"``, search terms
too rare to leave dropped) — and deletes the raw cells, so a term typed by one visitor is
gone from the kiosk as well (``secure_delete``). A count committed just after its hour was
sealed is counted in the next open hour (:class:`kiosk.usage.Usage`), never lost.

Play time: the wall's log (:mod:`kiosk.playlog`) summed per hour by :mod:`kiosk.playtime`,
each hour sealed once it is over for the log; ``play_state`` keeps how far that went, in
the same transaction as the batches it made, so a crash at any point neither loses an hour
nor seals one twice.

A batch's bytes are fixed when it is sealed (:mod:`kiosk.usage_wire`), so every retry sends
the same bytes under the same id; it is marked sent only when the store's answer names
that id, and set aside only for the store's own refusal for good. Plain Python, in the
counts file (``state_dir/usage.sqlite3``); used by the sync service's upload job.
"""

from __future__ import annotations

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

    def _add(self, kind: str, hour: str, content: dict[str, Any]) -> None:
        batch_id = usage_wire.batch_id(kind, hour)
        body = usage_wire.encode({"id": batch_id, "kind": kind, "hour": hour, **content})
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
        row = self._db.execute("SELECT through, offset FROM play_state").fetchone()
        through = as_utc(datetime.fromisoformat(row[0])) if row and row[0] else None
        hours = playtime.over(self.state_dir, row[1] if row else 0, through)
        if hours.through == through:
            return 0
        for hour, seconds in sorted(hours.seconds.items()):
            spans = [
                {"what": what, "item": item, "revision": revision, "seconds": round(total, 3)}
                for (what, item, revision), total in sorted(seconds.items(), key=_span_order)
            ]
            self._add("play", hour, {"spans": spans})
        assert hours.through is not None
        self._db.execute(
            "INSERT INTO play_state VALUES (1, ?1, ?2) ON CONFLICT (one) DO UPDATE SET through = ?1, offset = ?2",
            (hours.through.isoformat(), hours.offset),
        )
        return len(hours.seconds)


def _span_order(entry: tuple[playtime.Key, float]) -> tuple[str, str, int]:
    (what, item, revision), _ = entry
    return (what, item or "", revision or 0)


def open_counts(state_dir: Path) -> dict[str, Any]:
    """What waits for upload, for ``kiosk status``; raises :class:`sqlite3.Error` when the
    counts file cannot be read."""
    outbox = UsageOutbox(state_dir)
    try:
        return outbox.counts()
    finally:
        outbox.close()
