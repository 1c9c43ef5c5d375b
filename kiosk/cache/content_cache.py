"""Reading and writing the content cache.

Writes come in batches (:meth:`ContentCache.apply`): one ``BEGIN IMMEDIATE`` transaction
per batch, so a crash at any moment leaves the previous good content. Every read that
returns items for a screen filters with the display rule of :mod:`kiosk.rules`.

A damaged file — found by a quick check at open, or by any query later — is moved aside
and replaced by a fresh one, with one log line (:mod:`kiosk.cache.recovery`); the
``on_rebuilt`` callback then refills it (the demo pack) or asks for a sync. A read that
met the damage is answered from the fresh cache; a write raises :class:`CacheRebuilt`
(its batch was computed against content that is gone). The file and its ``-wal`` and
``-shm`` companions are owner-only (0600).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar

import sqlalchemy.exc
from sqlalchemy import ColumnElement, Engine, delete, func, insert, select

from kiosk import paths, rules
from kiosk.cache import recovery, search_sql, tables
from kiosk.cache.assets import AssetStore
from kiosk.cache.errors import CacheError, CacheFull, CacheRebuilt
from kiosk.cache.recovery import RebuildingFile, guarded
from kiosk.cache.rows import attachments_of, chunks, item_row, row_item
from kiosk.cache.tables import attachments as t_attachments
from kiosk.cache.tables import feed_entries as t_entries
from kiosk.cache.tables import items as t_items
from kiosk.cache.tables import meta as t_meta
from kiosk.content import Audience, Item

log = logging.getLogger(__name__)

F = TypeVar("F", bound=Callable[..., Any])


class FeedEntry(Protocol):
    """What :meth:`ContentCache.apply` records per synced item (:class:`kiosk.feed.Entry` is one)."""

    @property
    def id(self) -> str: ...

    @property
    def revision(self) -> int: ...

    @property
    def sha256(self) -> str: ...


class ContentCache(RebuildingFile):
    def __init__(self, path: Path, on_rebuilt: Callable[[ContentCache], None] | None = None) -> None:
        self.path = Path(path)
        #: Called (on the thread that found the damage) after the file was rebuilt.
        self.on_rebuilt = on_rebuilt
        paths.private_dir(self.path.parent)
        self.assets = AssetStore(self.path.parent / "assets")
        self._lock = threading.RLock()
        self._generation = 0
        self._identity: tuple[int, int] | None = None
        #: After a rebuild, only a full snapshot may set a feed version: a delta batch read
        #: against the old file would make a partial catalogue look complete.
        self._needs_snapshot = False
        try:
            self.engine = self._open()
        except (sqlite3.DatabaseError, sqlalchemy.exc.DBAPIError) as exc:
            if recovery.is_full(exc):
                raise CacheFull(f"{self.path}: the disk is full; the content cache cannot be opened") from None
            if not recovery.is_corruption(exc):
                raise
            self._recover(self._generation, exc)

    def close(self) -> None:
        self.engine.dispose()

    # -- schema ----------------------------------------------------------------------

    def _migrate(self, engine: Engine) -> None:
        with engine.begin() as conn:
            version = conn.exec_driver_sql("PRAGMA user_version").scalar_one()
            if version > tables.SCHEMA_VERSION:
                raise CacheError(
                    f"{self.path}: written by a newer version of the kiosk (schema {version}, "
                    f"this one knows {tables.SCHEMA_VERSION}); upgrade, or delete the file to rebuild it"
                )
            for step in range(version, tables.SCHEMA_VERSION):
                log.info("migrating content cache %s to schema %d", self.path, step + 1)
                tables.MIGRATIONS[step](conn)
                conn.exec_driver_sql(f"PRAGMA user_version = {step + 1}")

    @property
    @guarded()
    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())

    # -- writing ---------------------------------------------------------------------

    @guarded(write=True)
    def apply(
        self,
        upserts: Iterable[Item] = (),
        removals: Iterable[str] = (),
        *,
        replace_all: bool = False,
        meta: dict[str, str] | None = None,
        entries: Iterable[FeedEntry] = (),
    ) -> int:
        """Apply one batch atomically; returns how many items it wrote.

        ``replace_all`` makes the batch a full snapshot: items not in it are removed.
        ``entries`` (objects with ``id``, ``revision``, ``sha256``, e.g. :class:`kiosk.feed.Entry`)
        record which item document each synced item came from; they are replaced along
        with the items they describe (all of them for ``replace_all``).
        Internal items are refused here whatever their source (defence in depth: the
        store never sends them, and a kiosk never keeps one).
        """
        if self._needs_snapshot and not replace_all and meta and "feed_version" in meta:
            raise CacheRebuilt(
                f"{self.path} was rebuilt after damage; a delta batch cannot be applied to it "
                "(the next sync fetches the snapshot)"
            )
        rows: list[dict[str, Any]] = []
        attachment_rows: list[dict[str, Any]] = []
        ids: list[str] = []
        removals = list(removals)
        # Two revisions of one item in a batch: the newest wins, as across batches.
        newest: dict[str, Item] = {}
        for item in upserts:
            if item.id not in newest or item.revision > newest[item.id].revision:
                newest[item.id] = item
        upserts = list(newest.values())
        held = {} if replace_all else self._revisions([i.id for i in upserts])
        for item in upserts:
            if item.revision < held.get(item.id, 0):
                log.warning(
                    "ignored item %s revision %d: revision %d is already held", item.id, item.revision, held[item.id]
                )
                continue
            if item.audience is not Audience.PUBLIC:
                log.warning("refused item %s: audience %s never reaches a kiosk", item.id, item.audience.value)
                # It still supersedes what was held: an older revision never stands in for it.
                removals.append(item.id)
                continue
            ids.append(item.id)
            rows.append(item_row(item))
            attachment_rows.extend(
                {
                    "item_id": item.id,
                    "position": i,
                    "sha256": a.sha256,
                    "media_type": a.media_type,
                    "title": a.title,
                    "size": a.size,
                }
                for i, a in enumerate(item.attachments)
            )
        entry_rows = [{"id": e.id, "revision": e.revision, "sha256": e.sha256} for e in entries]
        with self.engine.begin() as conn:
            if replace_all:
                conn.execute(delete(t_items))
                conn.execute(delete(t_entries))
            else:
                gone = ids + removals
                for chunk in chunks(gone, 500):
                    conn.execute(delete(t_items).where(t_items.c.id.in_(chunk)))
                # An item replaced or removed no longer comes from the document recorded for it.
                for chunk in chunks(gone + [r["id"] for r in entry_rows], 500):
                    conn.execute(delete(t_entries).where(t_entries.c.id.in_(chunk)))
            if rows:
                conn.execute(insert(t_items), rows)
            if entry_rows:
                conn.execute(insert(t_entries), entry_rows)
            if attachment_rows:
                rid_of: dict[str, int] = {}
                for chunk in chunks(ids, 900):
                    rid_of.update(
                        conn.execute(select(t_items.c.id, t_items.c.rid).where(t_items.c.id.in_(chunk))).all()
                    )
                for row in attachment_rows:
                    row["item_rid"] = rid_of[row.pop("item_id")]
                conn.execute(insert(t_attachments), attachment_rows)
            if meta:
                # One statement each, the same every time: SQLAlchemy's cache takes them (a
                # ``values(...)`` per key built a new statement, about 1 ms each to key).
                conn.execute(delete(t_meta).where(t_meta.c.key.in_(list(meta))))
                conn.execute(insert(t_meta), [{"key": key, "value": value} for key, value in meta.items()])
        if replace_all:
            self._needs_snapshot = False
        return len(rows)

    def _revisions(self, ids: list[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        with self.engine.connect() as conn:
            for chunk in chunks(ids, 900):
                found.update(
                    conn.execute(select(t_items.c.id, t_items.c.revision).where(t_items.c.id.in_(chunk))).all()
                )
        return found

    @guarded()
    def set_meta(self, **values: str) -> None:
        """Write meta values (status fields); after a rebuild they go to the fresh cache."""
        # The unguarded apply: this call is already guarded.
        type(self).apply.__wrapped__(self, meta=values)  # type: ignore[attr-defined]

    @guarded()
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        with self.engine.connect() as conn:
            value = conn.execute(select(t_meta.c.value).where(t_meta.c.key == key)).scalar_one_or_none()
        return default if value is None else value

    @property
    def feed_version(self) -> int:
        """The store feed version the content comes from; 0 when none (empty, or the demo pack)."""
        value = self.get_meta("feed_version")
        return int(value) if value and value.isdigit() else 0

    @guarded()
    def feed_entries(self) -> dict[str, tuple[int, str]]:
        """``{item id: (revision, document sha256)}`` for every item the held feed version lists."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(t_entries.c.id, t_entries.c.revision, t_entries.c.sha256)).all()
        return {row.id: (row.revision, row.sha256) for row in rows}

    @guarded()
    def item_ids(self) -> set[str]:
        """The ids of every item held, shown or not."""
        with self.engine.connect() as conn:
            return set(conn.execute(select(t_items.c.id)).scalars())

    @guarded()
    def stored_items(self, ids: Iterable[str], *, with_body: bool = True) -> dict[str, Item]:
        """The items held under ``ids``, whether or not they may be shown now (for sync, and for
        screens that apply the display rule themselves)."""
        ids = list(ids)
        found: dict[str, Item] = {}
        columns = [c for c in t_items.c if with_body or c.name != "body"]
        with self.engine.connect() as conn:
            for chunk in chunks(ids, 900):
                rows = conn.execute(select(*columns).where(t_items.c.id.in_(chunk))).mappings().all()
                files = attachments_of(conn, [r["rid"] for r in rows])
                found.update((row["id"], row_item(row, files.get(row["rid"], ()))) for row in rows)
        return found

    @guarded()
    def referenced_assets(self) -> set[str]:
        with self.engine.connect() as conn:
            return set(conn.execute(select(t_attachments.c.sha256)).scalars())

    # -- reading for screens -----------------------------------------------------------

    @guarded()
    def items(self, now: datetime, *, with_body: bool = True) -> list[Item]:
        """Every item that may be shown at ``now``, newest first."""
        return self._select(now, with_body=with_body)

    @guarded()
    def item(self, item_id: str, now: datetime) -> Item | None:
        """One item, or None when it is unknown or may not be shown at ``now``."""
        found = self._select(now, t_items.c.id == item_id, with_body=True)
        return found[0] if found else None

    @guarded()
    def list_items(
        self,
        now: datetime,
        *,
        category: str | None = None,
        unit: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        with_body: bool = False,
    ) -> list[Item]:
        """Items of a category and/or unit, newest first (bodies left out unless asked for)."""
        where: list[ColumnElement[bool]] = []
        if category is not None:
            where.append(t_items.c.category == category)
        if unit is not None:
            where.append(t_items.c.unit == unit)
        return self._select(now, *where, limit=limit, offset=offset, with_body=with_body)

    @guarded()
    def category_counts(self, now: datetime) -> dict[str, int]:
        query = (
            select(t_items.c.category, func.count())
            .where(rules.sql_condition(t_items.c, now))
            .group_by(t_items.c.category)
        )
        with self.engine.connect() as conn:
            return dict(conn.execute(query).all())

    @guarded()
    def unit_counts(self, now: datetime, category: str | None = None) -> dict[str, int]:
        query = select(t_items.c.unit, func.count()).where(rules.sql_condition(t_items.c, now))
        if category is not None:
            query = query.where(t_items.c.category == category)
        with self.engine.connect() as conn:
            return dict(conn.execute(query.group_by(t_items.c.unit)).all())

    @guarded()
    def count(self) -> int:
        """How many items the cache holds, shown or not (for status lines)."""
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(t_items)).scalar_one()

    @guarded()
    def next_change(self, now: datetime) -> datetime | None:
        """The next instant at which some cached item appears (its publication time or its
        ``public_from`` arrives) or expires."""
        public = t_items.c.audience == Audience.PUBLIC.value
        query = select(
            select(func.min(t_items.c.published_at)).where(public, t_items.c.published_at > now).scalar_subquery(),
            select(func.min(t_items.c.public_from)).where(public, t_items.c.public_from > now).scalar_subquery(),
            select(func.min(t_items.c.expires_at)).where(public, t_items.c.expires_at > now).scalar_subquery(),
        )
        with self.engine.connect() as conn:
            upcoming = [v for v in conn.execute(query).one() if v is not None]
        return min(upcoming, default=None)

    @guarded()
    def search(self, query: str, now: datetime, *, limit: int = 50) -> list[Item]:
        """Items whose title, summary, body or document number contain every term of ``query``.

        Terms of three characters or more use the trigram index; shorter ones (common in
        Chinese: 党费, 人防) fall back to a substring scan. Title matches come first.
        """
        found = search_sql.conditions(query)
        if found is None:
            return []
        where, order = found
        return self._select(now, *where, limit=limit, with_body=False, order=order)

    @guarded()
    def candidates(self, *, with_body: bool = True) -> list[Item]:
        """Every item held, whatever its window, newest first: for previewing a schedule, and
        for screens that apply the display rule at each instant themselves (the planner).
        """
        columns = [c for c in t_items.c if with_body or c.name != "body"]
        with self.engine.connect() as conn:
            rows = conn.execute(select(*columns).order_by(t_items.c.last_changed.desc(), t_items.c.id)).mappings().all()
            files = attachments_of(conn, [r["rid"] for r in rows])
        return [row_item(row, files.get(row["rid"], ())) for row in rows]

    def _select(
        self,
        now: datetime,
        *where: ColumnElement[bool],
        limit: int | None = None,
        offset: int = 0,
        with_body: bool,
        order: tuple[Any, ...] = (),
    ) -> list[Item]:
        columns = [c for c in t_items.c if with_body or c.name != "body"]
        query = (
            select(*columns)
            .where(rules.sql_condition(t_items.c, now), *where)
            .order_by(*order, t_items.c.last_changed.desc(), t_items.c.id)
            .offset(offset)
        )
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
            files = attachments_of(conn, [r["rid"] for r in rows])
        found = [row_item(row, files.get(row["rid"], ())) for row in rows]
        # The SQL clause already applied the rule; checking each item again with the one
        # Python rule costs microseconds and guards against the two ever disagreeing.
        return [item for item in found if rules.may_show(item, now)]
