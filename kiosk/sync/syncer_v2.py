"""One protocol-v2 sync attempt: TUF metadata first, then people's statements, item by item.

1. :class:`~kiosk.sync.tuf_client.KioskUpdater` refreshes root, timestamp, snapshot and
   targets. Any failure ends the attempt as failed; an expired newest timestamp is
   reported as stale (the screens keep what they have).
2. Only the bins whose version changed since the last applied sync are read (a first
   sync reads all of them). What a changed bin no longer lists is removed: removals
   always apply.
3. Each new withdrawal statement and each new item document is checked on its own
   (hash and length from the bin, approval and publication keys from the root, revision
   not below one held, not withdrawn). A refusal concerns that item only: it is recorded
   in the status, the item is not shown, and the rest of the batch goes on.
4. The ledger (highest revisions, withdrawals) is saved, then the batch is applied in
   one cache transaction together with the bin versions it came from.

A store that signs a newer timestamp whose snapshot goes back (a restored backup) is a
fork: it is reported, the metadata history is dropped, and the kiosk re-syncs from a
full verified snapshot, with the ledger still in force.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Any

from tuf.api import exceptions
from tuf.api.metadata import TargetFile

from kiosk import changes, feed
from kiosk.cache import ContentCache
from kiosk.clock import Clock, SystemClock
from kiosk.content import Item
from kiosk.sync import review, status
from kiosk.sync.errors import SyncError
from kiosk.sync.ledger import Ledger
from kiosk.sync.staging import new_batch
from kiosk.sync.syncer import FETCH_WORKERS, Syncer, SyncResult
from kiosk.sync.transport import FeedAnswer, StoreClient
from kiosk.sync.tuf_client import BeforeEnrollmentError, KioskUpdater, bootstrap_root, forget_history
from kiosk.trust import statements
from kiosk.trust.policy import Policy

log = logging.getLogger(__name__)

BINS_META = "tuf_bins"
ROOT_META = "tuf_root_version"
#: Above this many documents to fetch, packs are asked for first.
PACK_THRESHOLD = 64


class SyncerV2(Syncer):
    """Same interface as the v1 :class:`Syncer` (the jobs and the command line use either)."""

    signed_freshness = True

    def __init__(
        self,
        client: StoreClient,
        cache: ContentCache,
        *,
        root_version: int,
        root_sha256: str,
        min_snapshot_version: int = 0,
        clock: Clock | None = None,
        trust_dir: Path | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        super().__init__(
            client, cache, store_key="", approver_keys=frozenset(), clock=clock or SystemClock(), progress=progress
        )
        self.root_version = root_version
        self.root_sha256 = root_sha256
        self.min_snapshot_version = min_snapshot_version
        self.trust_dir = trust_dir or cache.path.parent / "trust"
        self.metadata_dir = self.trust_dir / "metadata"
        self.ledger = Ledger(self.trust_dir / "ledger.json")
        self._wake = 0

    @property
    def holds_version(self) -> bool:
        """Whether the cache holds content from a verified v2 sync (then the long-poll may wait)."""
        return self.cache.get_meta("source") == "store" and bool(self.cache.get_meta(status.FRESH_UNTIL))

    def wait_for_change(self, held: int, wait: float) -> FeedAnswer:
        """The store's untrusted wake-up hint (a long-poll); the caller then syncs."""
        version = self.client.wait_v2(self._wake, wait)
        if version is None:
            return FeedAnswer(not_modified=True)
        self._wake = version
        return FeedAnswer()

    def record_failure(self, exc: SyncError) -> None:
        """As v1, and once the newest verified statement has expired the line says since when
        (it reaches the store in the heartbeat's ``last_error``)."""
        if exc.reason == "stopped":
            return
        now = self.clock.now()
        current = status.read(self.cache, now=now)
        line = exc.line
        if current.stale_since is not None:
            line += f" — stale: no valid signed statement from the store since {current.stale_since.isoformat()}"
        log.warning("sync %s (%s): %s", exc.kind, exc.reason, exc)
        status.record_failure(self.cache, now, exc.reason, line)

    def _sync(self, wait: float | None, prefetched: tuple[int, FeedAnswer] | None) -> SyncResult:
        now = self.clock.now()
        updater = self._refresh(now)
        policy = updater.policy
        held_version = self.held_version
        applied = self._applied_bins() if self.cache.get_meta("source") == "store" else {}
        root_version = str(updater.root.version)
        if self.cache.get_meta(ROOT_META) != root_version:
            applied = {}  # other keys may sign now: every item is judged again
        names = updater.bin_names()
        current = {name: updater.bin_version(name) for name in names}
        # Bins holding a refused item are read again too: a refusal may have been a passing fault.
        retry = self._refused_bins(updater)
        changed = [name for name in names if applied.get(name) != current[name] or name in retry]
        fresh = {status.FRESH_UNTIL: updater.timestamp.expires.isoformat(), ROOT_META: root_version}
        if not changed:
            self.cache.set_meta(**fresh)
            return SyncResult("none", held_version, held_version)
        return self._apply_bins(updater, policy, changed, current, full=not applied, fresh=fresh)

    # -- metadata ----------------------------------------------------------------------

    def _refresh(self, now: datetime) -> KioskUpdater:
        updater = self._updater(now)
        before = updater.previous.get("timestamp")
        try:
            updater.refresh()
            return updater
        except BeforeEnrollmentError as exc:
            raise SyncError(
                "refused",
                "rollback",
                f"the store's metadata is older than this kiosk's enrollment ({exc}); kept what is shown",
            ) from None
        except exceptions.BadVersionNumberError as exc:
            after = self._updater(now).previous.get("timestamp")
            if before is not None and after is not None and after > before:
                return self._recover_fork(now, str(exc), updater.previous)
            raise SyncError(
                "refused", "rollback", f"the store's metadata goes back ({exc}); kept what is shown"
            ) from None
        except exceptions.ExpiredMetadataError as exc:
            raise SyncError("refused", "stale", f"no fresh signed statement from the store ({exc})") from None
        except exceptions.RepositoryError as exc:
            raise SyncError("refused", "metadata", f"the store's signed metadata was refused: {exc}") from None
        except exceptions.DownloadError as exc:
            cause = exc.__cause__
            if isinstance(cause, SyncError):
                raise cause from None
            raise SyncError("failed", "network", f"cannot download the store's metadata ({exc})") from None

    def _updater(self, now: datetime) -> KioskUpdater:
        bootstrap = bootstrap_root(self.metadata_dir, self.client, self.root_version, self.root_sha256)
        try:
            return KioskUpdater(self.metadata_dir, self.client, now, bootstrap, self.min_snapshot_version)
        except (OSError, exceptions.RepositoryError, ValueError) as exc:
            raise SyncError("refused", "root", f"the pinned root cannot be used: {exc}") from None

    def _recover_fork(self, now: datetime, detail: str, previous: dict[str, int]) -> KioskUpdater:
        log.warning(
            "sync: fork: the store signed a newer timestamp over an older history (%s); "
            "re-syncing from a full verified snapshot",
            detail,
        )
        self.cache.set_meta(**{status.FORK: f"{now.isoformat()} {detail}"})
        forget_history(self.metadata_dir)
        self.cache.set_meta(**{BINS_META: "{}"})
        updater = self._updater(now)
        updater.previous = previous  # the version-step bound still holds across the recovery
        try:
            updater.refresh()
        except (exceptions.RepositoryError, exceptions.DownloadError) as exc:
            raise SyncError("refused", "fork", f"fork detected, and the full snapshot was refused too: {exc}") from None
        return updater

    def _refused_bins(self, updater: KioskUpdater) -> set[str]:
        try:
            refused = json.loads(self.cache.get_meta(status.REFUSALS) or "{}")
        except ValueError:
            return set()
        roles = updater.succinct_roles()
        found = set()
        for key in refused:
            if key.startswith("bin:"):
                found.add(key[4:])
            else:
                found.update(roles.get_role_for_target(f"{kind}/{key}") for kind in ("items", "withdrawals"))
        return found

    def _applied_bins(self) -> dict[str, int]:
        try:
            return {str(k): int(v) for k, v in json.loads(self.cache.get_meta(BINS_META) or "{}").items()}
        except (ValueError, AttributeError):
            return {}

    # -- the batch ---------------------------------------------------------------------

    def _apply_bins(
        self,
        updater: KioskUpdater,
        policy: Policy,
        changed: list[str],
        current: dict[str, int],
        *,
        full: bool,
        fresh: dict[str, Any],
    ) -> SyncResult:
        held_version = self.held_version
        refusals: dict[str, dict[str, Any]] = {}
        listed: dict[str, TargetFile] = {}
        withdrawals: dict[str, TargetFile] = {}
        loaded: set[str] = set()
        index = self.client.pack_index(updater.snapshot.version) if full or len(changed) > PACK_THRESHOLD else {}
        self._seed_bins(index, set(changed))
        for name in changed:
            try:
                targets = updater.load_bin(name)
            except exceptions.RepositoryError as exc:
                log.warning("sync: bin %s refused: %s", name, exc)
                refusals[f"bin:{name}"] = {"reason": "metadata", "message": str(exc)}
                continue
            except exceptions.DownloadError as exc:
                raise SyncError("failed", "network", f"cannot download {name} ({exc})") from None
            loaded.add(name)
            for path, info in targets.targets.items():
                kind, _, item_id = path.partition("/")
                (listed if kind == "items" else withdrawals if kind == "withdrawals" else {})[item_id] = info

        entries_held = self.cache.feed_entries()
        roles = updater.succinct_roles()
        in_loaded = {i for i in entries_held if roles.get_role_for_target(f"items/{i}") in loaded}
        removals = set(in_loaded - listed.keys())

        for item_id, info in withdrawals.items():
            if self.ledger.withdrawals.get(item_id, {}).get("sha256") == info.hashes.get("sha256"):
                continue
            try:
                data = self.client.target(info.hashes["sha256"], statements.MAX_WITHDRAWAL_BYTES)
                info.verify_length_and_hashes(data)
                withdrawal = statements.open_withdrawal(data, policy)
                if withdrawal.item_id != item_id:
                    raise feed.FeedError("mismatch", f"withdrawal listed for {item_id} is for {withdrawal.item_id}")
            except (feed.FeedError, exceptions.LengthOrHashMismatchError, SyncError) as exc:
                refusals[item_id] = review.refusal(exc)
                continue
            self.ledger.withdraw(item_id, withdrawal.revision, info.hashes["sha256"], data)
        for item_id, (held_revision, _sha) in entries_held.items():
            if held_revision <= self.ledger.withdrawn(item_id):
                removals.add(item_id)

        need = review.needed(listed, entries_held, self.ledger, refusals, full=full)

        fetched = self._fetch_verified(need, policy, refusals, index)
        staged_count = self._adopt_assets(fetched, refusals)
        # A held document that no longer verifies (its key left the root) leaves the screens.
        removals.update(
            i
            for i, (revision, info) in need.items()
            if i not in fetched and entries_held.get(i) == (revision, info.hashes.get("sha256"))
        )
        for item in fetched.values():
            self.ledger.hold(item.id, item.revision)
        self.ledger.save()

        new_entries = [
            feed.Entry(id=i, revision=it.revision, sha256=need[i][1].hashes["sha256"]) for i, it in fetched.items()
        ]
        # A bin that could not be read keeps its old version here, so the next sync reads it again.
        applied = {} if full else self._applied_bins()
        applied.update({n: current[n] for n in loaded})
        meta = {
            "source": "store",
            status.FEED_VERSION: str(updater.snapshot.version),
            BINS_META: json.dumps(applied, separators=(",", ":")),
            **fresh,
            status.REFUSALS: json.dumps(self._merged_refusals(refusals, in_loaded | listed.keys()), ensure_ascii=False),
            **status.success_meta(self.clock.now()),
        }
        removals -= fetched.keys()
        if full:
            keep = {i for i in entries_held if i not in removals and i not in fetched}
            kept = self.cache.stored_items(keep)
            entries = [feed.Entry(id=i, revision=r, sha256=s) for i, (r, s) in entries_held.items() if i in kept]
            before = self.cache.item_ids()
            gone = before - kept.keys() - fetched.keys()
            # What the screens must read again: the documents fetched and the items gone.
            change = changes.between(
                self.cache.stored_items([*fetched, *gone], with_body=False), fetched.values(), gone
            )
            self.cache.apply(
                list(kept.values()) + list(fetched.values()), replace_all=True, meta=meta, entries=entries + new_entries
            )
            removed = len(gone)
        else:
            change = changes.between(
                self.cache.stored_items([*fetched, *removals], with_body=False), fetched.values(), removals
            )
            self.cache.apply(list(fetched.values()), removals=sorted(removals), meta=meta, entries=new_entries)
            removed = len([r for r in removals if r in entries_held])
        self.cache.assets.remove_unused(self.cache.referenced_assets())
        if refusals:
            log.warning(
                "sync: %d item(s) refused: %s",
                len(refusals),
                "; ".join(r["message"] for r in list(refusals.values())[:5]),
            )
        return SyncResult(
            "snapshot" if full else "delta",
            held_version,
            updater.snapshot.version,
            fetched=len(fetched),
            written=len(fetched),
            removed=removed,
            assets=staged_count,
            change=change,
        )

    def _merged_refusals(self, new: dict[str, dict[str, Any]], evaluated: set[str]) -> dict[str, Any]:
        try:
            old = json.loads(self.cache.get_meta(status.REFUSALS) or "{}")
        except ValueError:
            old = {}
        kept = {k: v for k, v in old.items() if k not in evaluated and not k.startswith("bin:")}
        kept.update(new)
        return dict(list(kept.items())[:1000])

    def _seed_bins(self, index: dict[str, Any], changed: set[str]) -> None:
        """Put the bins of the metadata pack where python-tuf looks for local copies.

        Nothing is trusted by being there: ngclient verifies a local bin exactly as a
        downloaded one (signature, version named by the snapshot) and downloads it when
        the local copy fails. It saves a first sync 256 round trips.
        """
        name = (index.get("metadata") or {}).get("sha256") if isinstance(index.get("metadata"), dict) else None
        if not name:
            return
        for filename, data in self.client.pack(str(name)):
            role = filename.removesuffix(".json")
            if role in changed and filename == f"{role}.json" and "/" not in filename:
                (self.metadata_dir / filename).write_bytes(data)

    def _fetch_verified(
        self, need: dict[str, tuple[int, TargetFile]], policy: Policy, refusals: dict[str, Any], index: dict[str, Any]
    ) -> dict[str, Item]:
        by_sha = {info.hashes["sha256"]: item_id for item_id, (_r, info) in need.items()}
        documents: dict[str, bytes] = {}
        if len(need) > PACK_THRESHOLD and index:
            documents = self.client.packs(index, set(by_sha))
        missing = [sha for sha in by_sha if sha not in documents]

        def get(sha: str) -> tuple[str, bytes | SyncError]:
            try:
                return sha, self.client.target(sha, feed.MAX_ITEM_BYTES)
            except SyncError as exc:
                if exc.reason == "stopped" or exc.kind == "failed" and exc.reason in ("unreachable", "timeout"):
                    raise
                return sha, exc

        if missing:
            with ThreadPoolExecutor(max_workers=FETCH_WORKERS, thread_name_prefix="kiosk-fetch") as pool:
                for sha, data in pool.map(get, missing):
                    if isinstance(data, SyncError):
                        refusals[by_sha[sha]] = review.refusal(data)
                    else:
                        documents[sha] = data
        return review.verified(need, documents, policy, refusals)

    def _adopt_assets(self, fetched: dict[str, Item], refusals: dict[str, Any]) -> int:
        staging = new_batch(self.staging_root)
        count = 0
        try:
            for item_id in list(fetched):
                try:
                    staged = self._fetch_assets([fetched[item_id]], staging)
                except SyncError as exc:
                    if exc.kind == "failed":
                        raise
                    refusals[item_id] = review.refusal(exc)
                    del fetched[item_id]
                    continue
                for sha256, path in staged.items():
                    self.cache.assets.adopt(path, sha256)
                count += len(staged)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return count
