"""The store's record of anonymous use and proof of play, from the kiosks' hourly batches.

Intake is idempotent per (kiosk, kind, hour, part) (:mod:`kiosk.usage_wire`): the first upload
stores the batch's rows, a replay of the same bytes gets the same answer and stores
nothing, other bytes under a used id are a :class:`~kiosk.store.feedback.Conflict`.
Nothing here identifies a visitor: the kiosk sends counts under its threshold only as
``"< N"`` and no search term fewer visits typed.

:meth:`UsageRecord.usage_summary` is what reports read: per period, the wall's display
seconds per item and per category, blank and off-hours seconds, and the touch screen's
counts per metric and key (items and categories opened, searches found and not found…).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.clock import Clock
from kiosk.store.db import Database
from kiosk.store.feedback import Conflict
from kiosk.store.models import PlaySeconds, Revision, UsageCell, UsageUpload
from kiosk.store.usage_fields import PlayBatch, UseBatch


class UsageRecord:
    """The part of :class:`kiosk.store.service.Store` that keeps use counts and play time."""

    db: Database
    clock: Clock

    def receive_usage(self, device_id: int, batch: UseBatch | PlayBatch, body: bytes) -> dict:
        """Store one kiosk's batch once; raises :class:`Conflict` for other bytes under its id."""
        digest = hashlib.sha256(body).hexdigest()
        try:
            with self.db.plain() as session:
                return _receive(session, device_id, batch, digest, self.clock.now())
        except IntegrityError:
            # Two uploads of one batch raced (a retry over a slow answer): the other stored it.
            with self.db.read() as session:
                existing = _find(session, device_id, batch)
                if existing is None:
                    raise
                return _same_or_conflict(existing, batch, digest)

    def usage_summary(self, start: datetime, end: datetime) -> dict[str, Any]:
        """:func:`summary` of the hours from ``start`` up to (not including) ``end``."""
        with self.db.read() as session:
            return summary(session, start, end)


def summary(session: Session, start: datetime, end: datetime) -> dict[str, Any]:
    """The record of the hours from ``start`` up to (not including) ``end``, all kiosks.

    ``uploads``: how many batches the kiosks sent for those hours;
    ``display``: item id → {"category", "seconds", "revisions": {number: seconds}};
    ``category_seconds``: category → seconds; ``blank_seconds``, ``off_hours_seconds``;
    ``counts``: metric → key → {"count": the sum of exact counts, "suppressed": hours
    in which a kiosk gave it only as "< N"} — the key None sums search terms too rare to
    leave a kiosk. ``searches_not_found`` is ``counts["search-not-found"]`` without it.
    """
    uploads = session.scalar(
        select(func.count()).select_from(UsageUpload).where(UsageUpload.hour >= start, UsageUpload.hour < end)
    )
    hours = select(UsageUpload.id).where(UsageUpload.hour >= start, UsageUpload.hour < end)
    plays = session.execute(
        select(PlaySeconds.what, PlaySeconds.item_id, PlaySeconds.revision, PlaySeconds.seconds).where(
            PlaySeconds.upload_id.in_(hours)
        )
    ).all()
    cells = session.execute(
        select(UsageCell.metric, UsageCell.key, UsageCell.count).where(UsageCell.upload_id.in_(hours))
    ).all()
    shown = {item for what, item, _, _ in plays if what == "slide"}
    categories = dict(
        session.execute(
            select(Revision.item_id, Revision.category)
            .where(Revision.item_id.in_(shown))
            .order_by(Revision.item_id, Revision.number)
        ).all()
    )  # the newest revision's category wins (ordered by number)
    display: dict[str, dict[str, Any]] = {}
    category_seconds: dict[str, float] = defaultdict(float)
    other = {"blank": 0.0, "off-hours": 0.0}
    for what, item, revision, seconds in plays:
        if what != "slide" or item is None:
            other[what] += seconds
            continue
        entry = display.setdefault(item, {"category": categories.get(item), "seconds": 0.0, "revisions": {}})
        entry["seconds"] += seconds
        entry["revisions"][revision] = entry["revisions"].get(revision, 0.0) + seconds
        category_seconds[categories.get(item) or ""] += seconds
    counts: dict[str, dict[str | None, dict[str, int]]] = defaultdict(dict)
    for metric, key, count in cells:
        entry = counts[metric].setdefault(key, {"count": 0, "suppressed": 0})
        if count is None:
            entry["suppressed"] += 1
        else:
            entry["count"] += count
    not_found = {k: v for k, v in counts.get("search-not-found", {}).items() if k is not None}
    return {
        "uploads": uploads or 0,
        "display": display,
        "category_seconds": dict(category_seconds),
        "blank_seconds": other["blank"],
        "off_hours_seconds": other["off-hours"],
        "counts": {metric: dict(keys) for metric, keys in counts.items()},
        "searches_not_found": not_found,
    }


def _find(session: Session, device_id: int, batch: UseBatch | PlayBatch) -> UsageUpload | None:
    return session.scalar(
        select(UsageUpload).where(
            UsageUpload.device_id == device_id,
            UsageUpload.kind == batch.kind,
            UsageUpload.hour == datetime.fromisoformat(batch.hour),
            UsageUpload.part == batch.number,
        )
    )


def _answer(row: UsageUpload, batch: UseBatch | PlayBatch) -> dict:
    """What the kiosk is told: the same for the first upload and every replay."""
    return {"id": batch.id, "received_at": row.received_at.isoformat()}


def _same_or_conflict(row: UsageUpload, batch: UseBatch | PlayBatch, digest: str) -> dict:
    if row.body_sha256 != digest:
        raise Conflict(f"{batch.id} was already received with other content")
    return _answer(row, batch)


def _receive(session: Session, device_id: int, batch: UseBatch | PlayBatch, digest: str, now: datetime) -> dict:
    existing = _find(session, device_id, batch)
    if existing is not None:
        return _same_or_conflict(existing, batch, digest)
    row = UsageUpload(
        device_id=device_id,
        kind=batch.kind,
        hour=datetime.fromisoformat(batch.hour),
        part=batch.number,
        body_sha256=digest,
        threshold=batch.threshold if isinstance(batch, UseBatch) else None,
        received_at=now,
    )
    session.add(row)
    session.flush()  # its id, for the rows below
    if isinstance(batch, UseBatch):
        session.add_all(
            UsageCell(
                upload_id=row.id,
                metric=c.metric,
                key=c.key,
                count=c.count if isinstance(c.count, int) else None,
                below=None if isinstance(c.count, int) else batch.threshold,
            )
            for c in batch.cells
        )
    else:
        session.add_all(
            PlaySeconds(upload_id=row.id, what=s.what, item_id=s.item, revision=s.revision, seconds=float(s.seconds))
            for s in batch.spans
        )
    return _answer(row, batch)
