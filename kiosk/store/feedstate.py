"""Feed versions: which published revisions are in the feed, and what changed between versions.

The feed at an instant is the live (published, not withdrawn) revision of every item whose
audience is public, whose ``public_from`` (if any) has come and whose ``expires_at`` (if
any) has not — :func:`kiosk.rules.may_show`, evaluated here over the store's columns.

:func:`reconcile` compares that set with the current feed and, when they differ, creates
version N+1 and records per item what changed (``add``, ``change``, ``remove``). It runs
inside a :meth:`Database.write` transaction, whose lock makes version numbers gapless and
one-at-a-time across processes; every workflow action calls it in its own transaction, and
serving processes call :func:`reconcile_if_due` so that a ``public_from`` reached or an
``expires_at`` passed makes a version too. Old change records are pruned beyond the
retained history (``feed_history`` setting); a delta from before it is refused and the
kiosk falls back to the snapshot.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.orm import Session

from kiosk.clock import as_utc
from kiosk.content import Audience
from kiosk.feed import Entry
from kiosk.store import schedule
from kiosk.store.db import Database, DatabaseError
from kiosk.store.models import Asset, Document, FeedChange, FeedEntry, FeedState, ItemRow, Revision, Setting

HISTORY_SETTING = "feed_history"
#: Versions of change records kept for deltas, unless the store was initialised otherwise.
DEFAULT_HISTORY = 1000
#: The PostgreSQL channel on which a new version number is announced.
CHANNEL = "kiosk_feed"


@dataclass(frozen=True, slots=True)
class Delta:
    version: int
    since: int
    entries: tuple[Entry, ...]
    removals: tuple[str, ...]


class NotModified(Exception):
    """The delta asked for starts at the current version: nothing to send."""

    def __init__(self, version: int) -> None:
        super().__init__(f"version {version} is current")
        self.version = version


class Gone(Exception):
    """A delta the store cannot answer (history pruned, or a version it never made)."""


def in_window(
    audience: str,
    public_from: datetime | None,
    expires_at: datetime | None,
    now: datetime,
    published_at: datetime | None = None,
) -> bool:
    """:func:`kiosk.rules.may_show` on the store's columns (a property test keeps them agreeing).

    ``published_at`` is the publication date the item's document carries (its first
    publication's): a kiosk waits for it, so a feed does not list the item before it
    either (after the store's clock was set back, say)."""
    if audience != Audience.PUBLIC.value:
        return False
    if published_at is not None and now < published_at:
        return False
    if public_from is not None and now < public_from:
        return False
    if expires_at is not None and now >= expires_at:
        return False
    return True


def is_due(state: FeedState, now: datetime) -> bool:
    """Whether the feed must be evaluated again at ``now``."""
    if state.evaluated_at is None:
        return True
    if now < state.evaluated_at:
        # The clock went back (or another process's clock is ahead): items may have left
        # their window backwards, and no recorded boundary says so.
        return True
    return state.next_check is not None and now >= state.next_check


def reconcile(session: Session, now: datetime) -> int:
    """Bring the feed up to date at ``now``; the current version, new or not.

    Must run inside :meth:`Database.write` (the feed-state row is locked there).
    """
    now = as_utc(now)
    state = _state(session)
    schedule.release_due(session, now)
    live = session.execute(
        select(
            Revision.item_id,
            Revision.number,
            Revision.document_sha256,
            Revision.audience,
            Revision.public_from,
            Revision.expires_at,
            ItemRow.first_published_at,
        ).join(ItemRow, (ItemRow.id == Revision.item_id) & (ItemRow.live_revision == Revision.number))
    )
    desired: dict[str, tuple[int, str]] = {}
    next_check: datetime | None = None
    for item_id, number, sha, audience, public_from, expires_at, published_at in live:
        if audience != Audience.PUBLIC.value:
            continue  # an internal item never gets near a feed, now or later
        if in_window(audience, public_from, expires_at, now, published_at):
            assert sha is not None, item_id  # a live revision was published, so it has its document
            desired[item_id] = (number, sha)
        for boundary in (published_at, public_from, expires_at):
            if boundary is not None and boundary > now and (next_check is None or boundary < next_check):
                next_check = boundary
    release = schedule.next_release(session)
    if release is not None and (next_check is None or release < next_check):
        next_check = release
    current = {
        item_id: (revision, sha)
        for item_id, revision, sha in session.execute(select(FeedEntry.item_id, FeedEntry.revision, FeedEntry.sha256))
    }

    changes = {item_id: "add" for item_id in desired.keys() - current.keys()}
    changes.update({item_id: "remove" for item_id in current.keys() - desired.keys()})
    changes.update(
        {item_id: "change" for item_id in desired.keys() & current.keys() if desired[item_id] != current[item_id]}
    )
    state.evaluated_at = now
    state.next_check = next_check
    if not changes:
        session.flush()
        return state.version

    version = state.version + 1
    session.execute(
        insert(FeedChange),
        [{"version": version, "item_id": item_id, "kind": kind} for item_id, kind in sorted(changes.items())],
    )
    gone = [i for i, kind in changes.items() if kind != "add"]
    for start in range(0, len(gone), 500):  # bounded IN lists
        session.execute(delete(FeedEntry).where(FeedEntry.item_id.in_(gone[start : start + 500])))
    arrived = [i for i, kind in changes.items() if kind != "remove"]
    if arrived:
        session.execute(
            insert(FeedEntry), [{"item_id": i, "revision": desired[i][0], "sha256": desired[i][1]} for i in arrived]
        )
        _mark_served(session, [(i, desired[i][0]) for i in arrived], [desired[i][1] for i in arrived], version)

    history = history_length(session)
    state.version = version
    state.horizon = max(state.horizon, version - history)
    session.execute(delete(FeedChange).where(FeedChange.version <= state.horizon))
    session.flush()
    if session.get_bind().dialect.name == "postgresql":
        # Delivered at commit, to every process LISTENing on the database.
        session.execute(text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": str(version)})
    return version


def _mark_served(session: Session, revisions: list[tuple[str, int]], shas: list[str], version: int) -> None:
    """Documents and attachments that enter a feed may be served from now on."""
    assets: set[str] = set()
    for start in range(0, len(shas), 500):
        chunk = shas[start : start + 500]
        session.execute(
            update(Document)
            .where(Document.sha256.in_(chunk), Document.served_since.is_(None))
            .values(served_since=version)
        )
    wanted = dict(revisions)
    for start in range(0, len(revisions), 500):
        ids = [item_id for item_id, _ in revisions[start : start + 500]]
        for item_id, number, content in session.execute(
            select(Revision.item_id, Revision.number, Revision.content).where(Revision.item_id.in_(ids))
        ):
            if wanted.get(item_id) == number:
                assets.update(a["sha256"] for a in json.loads(content).get("attachments", ()))
    if assets:
        session.execute(
            update(Asset)
            .where(Asset.sha256.in_(sorted(assets)), Asset.served_since.is_(None))
            .values(served_since=version)
        )


def history_length(session: Session) -> int:
    setting = session.get(Setting, HISTORY_SETTING)
    return int(setting.value) if setting is not None else DEFAULT_HISTORY


def reconcile_if_due(db: Database, now: datetime) -> int:
    """The current version, after re-evaluating the feed if a boundary (or a clock jump) asks for it."""
    now = as_utc(now)
    with db.read() as session:
        state = _state(session)
        if not is_due(state, now):
            return state.version
    with db.write() as session:
        if is_due(_state(session), now):  # another process may have done it meanwhile
            return reconcile(session, now)
        return _state(session).version


def current_version(session: Session) -> int:
    return _state(session).version


def _state(session: Session) -> FeedState:
    """The store's single feed-state row (made by ``kiosk-store init``)."""
    state = session.get(FeedState, 1)
    if state is None:
        raise DatabaseError("the store's database has no feed state: run kiosk-store init")
    return state


def snapshot(session: Session) -> tuple[int, tuple[Entry, ...]]:
    """The current version and every entry in it (call inside :meth:`Database.read`)."""
    version = current_version(session)
    rows = session.execute(select(FeedEntry.item_id, FeedEntry.revision, FeedEntry.sha256).order_by(FeedEntry.item_id))
    return version, tuple(Entry(id=i, revision=r, sha256=s) for i, r, s in rows)


def delta(session: Session, since: int) -> Delta:
    """What changed from version ``since`` to the current one; raises :class:`NotModified` or :class:`Gone`."""
    state = _state(session)
    if since > state.version:
        raise Gone(f"version {since} is newer than the store's current version {state.version}")
    if since < state.horizon:
        raise Gone(f"changes since version {since} are no longer kept (oldest: {state.horizon}); fetch the snapshot")
    if since == state.version:
        raise NotModified(state.version)
    first: dict[str, str] = {}
    last: dict[str, str] = {}
    for item_id, kind in session.execute(
        select(FeedChange.item_id, FeedChange.kind)
        .where(FeedChange.version > since, FeedChange.version <= state.version)
        .order_by(FeedChange.version)
    ):
        first.setdefault(item_id, kind)
        last[item_id] = kind
    present = sorted(i for i, kind in last.items() if kind != "remove")
    # An item that arrived after ``since`` and left again was never in the kiosk's feed.
    removals = tuple(sorted(i for i, kind in last.items() if kind == "remove" and first[i] != "add"))
    entries: list[Entry] = []
    for start in range(0, len(present), 500):
        rows = session.execute(
            select(FeedEntry.item_id, FeedEntry.revision, FeedEntry.sha256).where(
                FeedEntry.item_id.in_(present[start : start + 500])
            )
        )
        entries.extend(Entry(id=i, revision=r, sha256=s) for i, r, s in rows)
    entries.sort(key=lambda e: e.id)
    return Delta(version=state.version, since=since, entries=tuple(entries), removals=removals)
