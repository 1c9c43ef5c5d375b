"""One sync attempt: fetch a feed version, verify all of it, apply it in one transaction.

The order is the whole point:

1. fetch the signed feed (a delta since the version held, or the snapshot) and open it
   with :func:`kiosk.feed.open_feed`, which refuses bad signatures, rollbacks and
   expired feeds;
2. download every item document the kiosk does not already hold (same sha256) and every
   attachment it lacks, checking each hash and approver signature as it arrives —
   nothing is written to the cache yet (attachments wait in a staging folder);
3. only when everything verified: move the attachments into the asset store, then apply
   items, removals, feed entries, the feed version and the success status in ONE cache
   transaction. A crash before the commit leaves the old content; after it, the new;
4. after the commit, delete attachment files no item refers to any more.

Any refusal or network failure ends the attempt as a :class:`SyncError` with the cache's
content untouched; only the status fields (last attempt, last error) are written.
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from kiosk import changes, feed
from kiosk.cache import CacheError, ContentCache
from kiosk.clock import Clock, SystemClock
from kiosk.config import Config
from kiosk.content import Item
from kiosk.sync import status
from kiosk.sync.errors import SyncError
from kiosk.sync.staging import new_batch
from kiosk.sync.transport import FeedAnswer, StoreClient

log = logging.getLogger(__name__)

#: Item documents requested at once during a sync (the transport's pool keeps 4 connections).
FETCH_WORKERS = 4
#: A progress line (log, and the callback) after this many item documents downloaded.
PROGRESS_EVERY = 500


@dataclass(frozen=True, slots=True)
class SyncResult:
    kind: str  # "snapshot", "delta" or "none" (nothing new)
    previous_version: int
    feed_version: int
    #: Item documents downloaded (documents already held are not fetched again).
    fetched: int = 0
    #: Items the batch added or replaced, and items it removed.
    written: int = 0
    removed: int = 0
    assets: int = 0
    #: Which items the batch added, revised and removed, for the screens. A syncer that does
    #: not say makes the screens read everything again: a withdrawal must never be missed.
    change: changes.ContentChange = changes.EVERYTHING

    @property
    def changed(self) -> bool:
        """Whether what the screens may show changed."""
        return bool(self.written or self.removed)

    def summary(self) -> str:
        if self.kind == "none":
            return f"feed version {self.feed_version}: nothing new"
        return (
            f"feed version {self.feed_version} ({self.kind} from {self.previous_version}): "
            f"{self.written} items written, {self.removed} removed, {self.fetched} documents and "
            f"{self.assets} attachments downloaded"
        )


class Syncer:
    """Brings one cache up to date with one store; not thread-safe (callers serialize)."""

    #: Whether only a signed statement may count as "nothing new" (protocol v2); in v1 a 304 does.
    signed_freshness = False

    def __init__(
        self,
        client: StoreClient,
        cache: ContentCache,
        *,
        store_key: str,
        approver_keys: frozenset[str],
        clock: Clock | None = None,
        staging_root: Path | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self.client = client
        self.cache = cache
        self.store_key = store_key
        self.approver_keys = frozenset(approver_keys)
        self.clock = clock or SystemClock()
        self.staging_root = staging_root or cache.path.parent / "sync-staging"
        self.progress = progress
        self._swept = False

    @property
    def held_version(self) -> int:
        # The demo pack is no feed version: a kiosk that showed it starts from a snapshot.
        return self.cache.feed_version if self.cache.get_meta("source") == "store" else 0

    @property
    def holds_version(self) -> bool:
        """Whether the cache holds a verified feed version — version 0 (nothing published yet) too."""
        return self.cache.get_meta("source") == "store" and bool(self.cache.get_meta(status.FEED_EXPIRES))

    def sync(self, wait: float | None = None, prefetched: tuple[int, FeedAnswer] | None = None) -> SyncResult:
        """One attempt; raises :class:`SyncError` (the cache's content then unchanged).

        ``wait`` makes the delta request a long-poll. ``prefetched`` is ``(since, answer)``
        from a long-poll made outside the caller's lock; it is used if ``since`` is still
        the version held.
        """
        try:
            result = self._sync(wait, prefetched)
            if not self._swept:
                # A process killed between adopting a batch's attachments and committing it,
                # or between the commit and the clean-up, left files nothing refers to; the
                # next attempt may find nothing new, so the first attempt of a process sweeps.
                self.cache.assets.remove_unused(self.cache.referenced_assets())
                self._swept = True
        except SyncError as exc:
            self.record_failure(exc)
            raise
        except feed.FeedError as exc:
            error = SyncError("refused", exc.reason, str(exc))
            self.record_failure(error)
            raise error from None
        except (CacheError, OSError) as exc:
            # A full disk, a cache rebuilt after damage: the attempt failed, the status says why.
            error = _local_error(exc)
            self.record_failure(error)
            raise error from None
        if result.kind == "none":
            status.record_success(self.cache, self.clock.now())
        else:
            log.info("sync: %s", result.summary())
        return result

    def wait_for_change(self, held: int, wait: float) -> FeedAnswer:
        """A long-poll for news from ``held`` (v1: the signed delta itself)."""
        return self.client.delta(held, wait)

    def record_failure(self, exc: SyncError) -> None:
        """Log a failed attempt and keep it in the status (the content stays as it was)."""
        if exc.reason == "stopped":
            return
        log.warning("sync %s (%s): %s", exc.kind, exc.reason, exc)
        try:
            status.record_failure(self.cache, self.clock.now(), exc.reason, exc.line)
        except (CacheError, OSError) as second:  # still full: the log line above has it
            log.warning("sync: could not record the failure in the status: %s", second)

    # -- the steps -------------------------------------------------------------------

    def _sync(self, wait: float | None, prefetched: tuple[int, FeedAnswer] | None) -> SyncResult:
        held = self.held_version
        if self.holds_version:  # version 0 included: a store with nothing published is asked for deltas
            if prefetched is not None and prefetched[0] == held:
                answer = prefetched[1]
            else:
                answer = self.client.delta(held, wait)
            if answer.not_modified:
                return SyncResult("none", held, held)
            if not answer.gone:
                return self._apply(self._open(answer.body, held), held)
            log.info("sync: the store no longer has a delta from version %d; fetching the snapshot", held)
        answer = self.client.snapshot(held)
        if answer.not_modified:
            return SyncResult("none", held, held)
        opened = self._open(answer.body, held)
        if opened.kind != "snapshot":
            raise SyncError("refused", "malformed", "the store answered a snapshot request with a delta")
        return self._apply(opened, held)

    def _open(self, body: bytes, held: int) -> feed.FeedVersion:
        return feed.open_feed(body, self.store_key, self.clock.now(), held)

    def _apply(self, version: feed.FeedVersion, held: int) -> SyncResult:
        snapshot = version.kind == "snapshot"
        if not snapshot and version.version == held:
            return SyncResult("none", held, held)
        entries_held = self.cache.feed_entries()
        have = [e for e in version.entries if entries_held.get(e.id) == (e.revision, e.sha256)]
        need = [e for e in version.entries if entries_held.get(e.id) != (e.revision, e.sha256)]
        kept: dict[str, Item] = self.cache.stored_items(e.id for e in have) if snapshot else {}
        # A recorded entry without its item (should not happen) is fetched again.
        need += [e for e in have if snapshot and e.id not in kept]

        fetched = self._fetch_items(need)
        staging = new_batch(self.staging_root)
        try:
            staged = self._fetch_assets(fetched, staging)
            # Everything is verified: from here on, write.
            for sha256, path in staged.items():
                self.cache.assets.adopt(path, sha256)
        finally:
            shutil.rmtree(staging, ignore_errors=True)

        meta = {
            "source": "store",
            status.FEED_VERSION: str(version.version),
            status.FEED_EXPIRES: version.expires_at.isoformat(),
            **status.success_meta(self.clock.now()),
        }
        if snapshot:
            before = self.cache.item_ids()
            gone = before - {e.id for e in version.entries}
            # What the screens must read again: the documents fetched and the items gone.
            change = changes.between(
                self.cache.stored_items([i.id for i in fetched] + list(gone), with_body=False), fetched, gone
            )
            items = [kept[e.id] for e in version.entries if e.id in kept] + fetched
            self.cache.apply(items, replace_all=True, meta=meta, entries=version.entries)
            written = len(fetched)
            removed = len(gone)
        else:
            fetched_ids = {i.id for i in fetched}
            change = changes.between(
                self.cache.stored_items([*fetched_ids, *version.removals], with_body=False), fetched, version.removals
            )
            self.cache.apply(
                fetched,
                removals=version.removals,
                meta=meta,
                entries=[e for e in version.entries if e.id in fetched_ids],
            )
            written = len(fetched)
            removed = len([r for r in version.removals if r in entries_held])
        # Only after the commit: the old content needed these files until then.
        self.cache.assets.remove_unused(self.cache.referenced_assets())
        return SyncResult(
            version.kind,
            held,
            version.version,
            fetched=len(fetched),
            written=written,
            removed=removed,
            assets=len(staged),
            change=change,
        )

    def _fetch_items(self, entries: list[feed.Entry]) -> list[Item]:
        """Download and verify item documents, a few at a time, in feed order.

        A first sync of thousands of items is round trips, not bytes: FETCH_WORKERS
        requests in flight (the transport's connection pool holds as many) cut its time by
        about that factor. The first refusal stops the rest.
        """
        items = []
        total = len(entries)
        started = time.monotonic()
        pool = ThreadPoolExecutor(max_workers=FETCH_WORKERS, thread_name_prefix="kiosk-fetch")
        try:
            for done, item in enumerate(pool.map(self._fetch_item, entries), 1):
                items.append(item)
                if done % PROGRESS_EVERY == 0 or (done == total and total >= PROGRESS_EVERY):
                    log.info(
                        "sync: %d of %d item documents downloaded and verified (%.1f s)",
                        done,
                        total,
                        time.monotonic() - started,
                    )
                    if self.progress is not None:
                        self.progress(done, total)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        return items

    def _fetch_item(self, entry: feed.Entry) -> Item:
        data = self.client.item(entry.sha256)
        item = feed.open_item_document(data, entry.sha256, self.approver_keys)
        if item.id != entry.id or item.revision != entry.revision:
            # The store signed "id X revision r is document s"; the document must agree.
            raise SyncError(
                "refused",
                "mismatch",
                f"item document {entry.sha256[:12]}… holds {item.id} revision {item.revision}, "
                f"but the feed lists it as {entry.id} revision {entry.revision}",
            )
        return item

    def _fetch_assets(self, items: list[Item], staging: Path) -> dict[str, Path]:
        staged: dict[str, Path] = {}
        for item in items:
            for attachment in item.attachments:
                sha = attachment.sha256
                if sha in staged or self.cache.assets.has(sha):
                    continue
                self.cache.assets.path(sha)  # refuses a name that is not a sha256 before it becomes a path
                target = staging / sha
                self.client.asset(sha, target)
                staged[sha] = target
        return staged


def _local_error(exc: BaseException) -> SyncError:
    """A failure on the kiosk's side of an attempt, as the one error an attempt ends with."""
    import errno

    from kiosk.cache import CacheFull

    if isinstance(exc, CacheFull):
        return SyncError(
            "failed", "disk-full", "the kiosk's disk is full (writing the content cache); the content was not changed"
        )
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        where = exc.filename or "a download"
        return SyncError(
            "failed", "disk-full", f"the kiosk's disk is full (writing {where}); the content was not changed"
        )
    if isinstance(exc, CacheError):
        return SyncError("failed", "cache", str(exc))
    if isinstance(exc, OSError):
        return SyncError("failed", "local", f"{str(exc.filename) + ': ' if exc.filename else ''}{exc.strerror or exc}")
    return SyncError("failed", "local", str(exc))


def client_for(config: Config) -> StoreClient:
    return StoreClient(config.store.url, config.store.device_token, timeout=config.store.timeout)


def make_syncer(
    config: Config,
    client: StoreClient,
    cache: ContentCache,
    *,
    clock: Clock | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Syncer:
    """Protocol v2 when the kiosk pins a root (``root_sha256``), else v1 (until re-enrolled)."""
    if config.store.root_sha256:
        from kiosk.sync.syncer_v2 import SyncerV2

        return SyncerV2(
            client,
            cache,
            root_version=config.store.root_version or 1,
            root_sha256=config.store.root_sha256,
            min_snapshot_version=config.store.min_snapshot_version,
            clock=clock,
            progress=progress,
        )
    return Syncer(
        client,
        cache,
        store_key=config.store.store_key,
        approver_keys=frozenset(config.store.approver_keys),
        clock=clock,
        progress=progress,
    )


def sync_once(
    config: Config,
    cache: ContentCache,
    *,
    clock: Clock | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> SyncResult:
    """One sync with the configured store (``kiosk sync --once``); raises :class:`SyncError`."""
    client = client_for(config)
    try:
        return make_syncer(config, client, cache, clock=clock, progress=progress).sync()
    finally:
        client.close()
