"""The kiosk's TUF client: python-tuf's ``ngclient`` over our transport, with our clock and bounds.

:class:`KioskUpdater` is ``tuf.ngclient.Updater`` (which does the client workflow: the
root chain, rollback and freeze checks, hashes, signatures and thresholds) with four
additions python-tuf has no public hook for, each kept to one place here:

* the reference time comes from the kiosk's :class:`~kiosk.clock.Clock` (ngclient reads
  the system clock once, at construction), so tests can move a kiosk past lifetimes;
* before a timestamp, snapshot or bin is kept, the bounds the *root* sets are checked
  (:mod:`kiosk.trust.policy`): a version step above ``max_version_step`` or a lifetime
  longer than allowed is refused, whatever the store's online key signed;
* a timestamp or snapshot naming a snapshot older than the one current at enrollment
  (``min_snapshot_version``) is refused, so a recorded feed cannot be replayed even to a
  kiosk that holds no history yet;
* every bin (the store's 256 hash bins) can be loaded, for a full listing — ngclient's
  public API only looks targets up by path.

An ``Updater`` is single-use: :class:`~kiosk.sync.syncer_v2.SyncerV2` makes one per attempt.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

from tuf.api import exceptions
from tuf.api.metadata import Metadata, Root, Snapshot, SuccinctRoles, Targets, Timestamp
from tuf.ngclient import FetcherInterface, Updater, UpdaterConfig

from kiosk.sync.errors import SyncError
from kiosk.sync.transport import StoreClient
from kiosk.trust import conditional
from kiosk.trust import policy as trust_policy

log = logging.getLogger(__name__)

#: Tolerated difference between the store's clock and a kiosk's, for lifetime bounds.
CLOCK_SKEW = timedelta(minutes=5)
METADATA_LIMIT = 4 * 1024 * 1024
_ROOT_FILE = re.compile(r"([0-9]{1,18})\.root\.json")


class StoreFetcher(FetcherInterface):
    """ngclient's downloads through the kiosk's own session (timeouts, limits, abort).

    A poll with nothing new is one conditional request (:mod:`kiosk.trust.conditional`):
    the timestamp is asked for first, with the held one's ETag, when ngclient probes for
    the next root; the root version its answer names spares that probe when no newer root
    exists, and a 304 hands ngclient the held timestamp, which it verifies again (expiry
    included) exactly as a downloaded one.
    """

    def __init__(self, client: StoreClient, metadata_dir: Path) -> None:
        self.client = client
        self.metadata_dir = metadata_dir
        self._timestamp: bytes | None = None
        self._newest_root: int | None = None

    def _fetch(self, url: str) -> Iterator[bytes]:
        path = url.removeprefix(self.client.url)
        name = path.rsplit("/", 1)[-1]
        if name == "timestamp.json":
            self._prefetch_timestamp(path)
            data, self._timestamp = self._timestamp, None
            yield data or b""
            return
        root = _ROOT_FILE.fullmatch(name)
        if root is not None:
            self._prefetch_timestamp(path.removesuffix(name) + "timestamp.json")
            if self._newest_root is not None and int(root.group(1)) > self._newest_root:
                raise exceptions.DownloadHTTPError(f"{path}: the store names root {self._newest_root} newest", 404)
        status, body = self.client._get(path, name, METADATA_LIMIT, allow={403, 404})
        if status in (403, 404):
            # ngclient ends its probe for the next root version on a 404.
            raise exceptions.DownloadHTTPError(f"{path}: HTTP {status}", status)
        yield body

    def _prefetch_timestamp(self, path: str) -> None:
        if self._timestamp is not None:
            return
        try:
            held: bytes | None = (self.metadata_dir / "timestamp.json").read_bytes()
        except OSError:
            held = None
        headers = {"If-None-Match": conditional.etag(held)} if held else {}
        answer: dict[str, str] = {}
        status, body = self.client._get(
            path, "timestamp.json", METADATA_LIMIT, headers=headers, allow={304, 403, 404}, answer_headers=answer
        )
        if status in (403, 404):
            raise exceptions.DownloadHTTPError(f"{path}: HTTP {status}", status)
        if status == 304 and not held:
            raise exceptions.DownloadHTTPError(f"{path}: HTTP 304 to an unconditional request", status)
        try:
            self._newest_root = int({k.lower(): v for k, v in answer.items()}.get(conditional.ROOT_HEADER.lower(), ""))
        except ValueError:
            self._newest_root = None  # a static server: ngclient probes for the next root itself
        self._timestamp = held if status == 304 else body


class BoundsError(exceptions.RepositoryError):
    """Metadata the store signed beyond what the root allows."""


class BeforeEnrollmentError(exceptions.BadVersionNumberError):
    """A timestamp or snapshot older than the snapshot current when this kiosk was enrolled."""


class KioskUpdater(Updater):
    def __init__(
        self,
        metadata_dir: Path,
        client: StoreClient,
        now: datetime,
        bootstrap: bytes | None,
        min_snapshot_version: int = 0,
    ) -> None:
        config = UpdaterConfig(max_root_rotations=64)
        super().__init__(
            str(metadata_dir),
            client.url + "/v2/metadata/",
            None,
            client.url + "/v2/targets/",
            StoreFetcher(client, metadata_dir),
            config,
            bootstrap=bootstrap,
        )
        self.now = now
        self.min_snapshot_version = min_snapshot_version
        self._trusted_set.reference_time = now  # ngclient has no clock hook; see the module docstring
        self.previous: dict[str, int] = {}
        for role in ("timestamp", "snapshot"):
            try:
                self.previous[role] = Metadata.from_bytes(self._load_local_metadata(role)).signed.version
            except (OSError, ValueError, exceptions.RepositoryError):
                pass

    @property
    def policy(self) -> trust_policy.Policy:
        return trust_policy.from_root(self._trusted_set.root)

    @property
    def root(self) -> Root:
        return self._trusted_set.root

    def _persist_metadata(self, rolename: str, data: bytes) -> None:
        # Called by ngclient only after the file verified: the last chance to refuse it.
        signed = Metadata.from_bytes(data).signed
        bounds = self.policy.bounds
        limit = bounds.timestamp_lifetime if rolename == "timestamp" else bounds.metadata_lifetime
        if signed.expires > self.now + limit + CLOCK_SKEW:
            raise BoundsError(
                f"{rolename} v{signed.version} claims to be valid until {signed.expires.isoformat()}, "
                f"beyond the {limit} the root allows"
            )
        # A kiosk that never synced has no history to roll back from: the enrollment's floor is it.
        floor = self.min_snapshot_version
        snapshot_version = signed.snapshot_meta.version if isinstance(signed, Timestamp) else signed.version
        if rolename in ("timestamp", "snapshot") and snapshot_version < floor:
            raise BeforeEnrollmentError(
                f"{rolename} v{signed.version} names snapshot {snapshot_version}, older than "
                f"snapshot {floor} current when this kiosk was enrolled (a replay)"
            )
        held = self.previous.get(rolename)
        if held is not None and signed.version - held > bounds.max_version_step:
            raise BoundsError(
                f"{rolename} jumps from version {held} to {signed.version}, more than the "
                f"{bounds.max_version_step} the root allows"
            )
        super()._persist_metadata(rolename, data)

    def load_bin(self, name: str) -> Targets:
        """One verified bin (from the local copy when the snapshot still names its version)."""
        return self._load_targets(name, "targets")

    def succinct_roles(self) -> SuccinctRoles:
        """The hash bins the verified targets delegates to; a targets without them is refused."""
        delegations = self._trusted_set.targets.delegations
        succinct = delegations.succinct_roles if delegations is not None else None
        if succinct is None:
            raise exceptions.RepositoryError("targets delegates to no hash bins")
        return succinct

    def bin_names(self) -> list[str]:
        return list(self.succinct_roles().get_roles())

    def bin_version(self, name: str) -> int:
        return self._trusted_set.snapshot.meta[f"{name}.json"].version

    @property
    def timestamp(self) -> Timestamp:
        return self._trusted_set.timestamp

    @property
    def snapshot(self) -> Snapshot:
        return self._trusted_set.snapshot


def bootstrap_root(metadata_dir: Path, client: StoreClient, version: int, sha256: str) -> bytes | None:
    """The pinned root's bytes on first use (checked against the enrolled sha256); None once held."""
    if (metadata_dir / "root.json").exists():
        return None
    status, data = client._get(f"/v2/metadata/{version}.root.json", "the pinned root", METADATA_LIMIT, allow={404})
    if status == 404:
        raise SyncError("failed", "no-root", f"the store has no root version {version}: is protocol v2 set up there?")
    if hashlib.sha256(data).hexdigest() != sha256:
        raise SyncError(
            "refused",
            "root",
            f"root version {version} from the store is not the root this kiosk was enrolled with (sha256 differs)",
        )
    metadata_dir.mkdir(parents=True, exist_ok=True)
    return data


def forget_history(metadata_dir: Path) -> None:
    """Drop everything but the root chain: the next refresh starts from a full, verified snapshot."""
    for path in metadata_dir.glob("*.json"):
        if path.name != "root.json":
            path.unlink(missing_ok=True)
