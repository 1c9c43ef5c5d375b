"""Protocol v2 on the store: TUF metadata built from the database and signed.

Roles and their keys (python-tuf's ``tuf.api.metadata``):

* ``root`` — the office's offline root key (a file the administrator keeps elsewhere).
  Lists the online key for ``timestamp``, ``snapshot`` and ``targets``, and, in its Lobby
  Kiosk section (:mod:`kiosk.trust.policy`), the approvers' and publishers' keys and the
  bounds on lifetimes and version steps. Signed only by :func:`sign_root`, when asked.
* ``targets`` — delegates every path to 256 hash bins (``bin-00`` … ``bin-ff``, TUF's
  succinct delegation), all signed by the online key.
* each bin lists ``items/ID`` (the v2 document of the live revision: approval and
  publication, signed by people) and ``withdrawals/ID`` (the latest signed withdrawal).
  A change of one item re-signs one bin (about 5 KB at 10,000 items).
* ``snapshot`` — every bin's version; ``timestamp`` — the snapshot's version and hash,
  short-lived: every "nothing new" a kiosk concludes is this signed statement.

:func:`build` runs under the store's write lock whenever the feed version, the root or
the online key changed, or a file is past half its lifetime; files that did not change
keep their version. Every version a store has signed is also recorded in its data
directory (:mod:`kiosk.store.trust_versions`): a database older than that was restored
from a backup, and :func:`build` refuses until an administrator confirms.
After the confirmation, timestamp and snapshot versions continue above anything issued
before, while the bins keep the restored (lower) versions: every kiosk that held the
newer history sees the fork, reports it and re-syncs from a full verified snapshot.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from securesystemslib.signer import CryptoSigner, SSlibKey
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session
from tuf.api.metadata import (
    Delegations,
    Metadata,
    MetaFile,
    Root,
    Snapshot,
    SuccinctRoles,
    TargetFile,
    Targets,
    Timestamp,
)
from tuf.api.serialization.json import JSONSerializer

from kiosk import signing
from kiosk.clock import as_utc
from kiosk.store.models import Document, FeedEntry, FeedState, Publication, Setting, TrustMetadata, User, Withdrawal
from kiosk.store.trust_versions import BUILT_SETTING, TrustError, check_not_restored, latest, version_floor
from kiosk.trust import policy as trust_policy

BIN_BITS = 8
BIN_PREFIX = "bin"
TIMESTAMP_LIFETIME_SETTING = "trust_timestamp_lifetime"
#: What the store issues unless configured otherwise (the root's bounds cap both).
DEFAULT_TIMESTAMP_LIFETIME = timedelta(hours=6)
DEFAULT_METADATA_LIFETIME = timedelta(days=180)
SERIALIZER = JSONSerializer(compact=True)


def signer(key: Ed25519PrivateKey) -> CryptoSigner:
    return CryptoSigner(key, SSlibKey.from_crypto(key.public_key()))


def succinct(keyid: str) -> SuccinctRoles:
    return SuccinctRoles([keyid], 1, BIN_BITS, BIN_PREFIX)


def has_root(session: Session) -> bool:
    return latest(session, "root") is not None


def _digest(value) -> str:
    return hashlib.sha256(signing.canonical_json(value)).hexdigest()


def _store(session: Session, role: str, version: int, md: Metadata, digest: str, keep_previous: int | None) -> bytes:
    data = md.to_bytes(SERIALIZER)
    session.add(TrustMetadata(role=role, version=version, digest=digest, expires=md.signed.expires, data=data))
    if keep_previous is not None:  # a kiosk mid-sync may still ask for the previous version
        session.execute(delete(TrustMetadata).where(TrustMetadata.role == role, TrustMetadata.version < keep_previous))
    return data


# -- the root: offline, signed when an administrator asks --------------------------------


def current_policy(session: Session, bounds: trust_policy.Bounds) -> trust_policy.Policy:
    """The people the store's accounts say may sign: approvers and admins (publishers) with keys."""
    approvers, publishers = {}, {}
    for user in session.scalars(select(User).where(User.public_key.is_not(None))):
        if user.public_key is None:  # the query leaves these out; the check types the key
            continue
        person = trust_policy.Person(name=user.name, key=user.public_key, until=user.retired_at)
        if user.role == "approver":
            approvers[user.name] = person
        elif user.role == "admin":
            publishers[user.name] = person
    return trust_policy.Policy(approvers=approvers, publishers=publishers, bounds=bounds)


def sign_root(
    session: Session,
    root_keys: list[Ed25519PrivateKey],
    new_root_key: Ed25519PrivateKey | None,
    store_key: Ed25519PrivateKey,
    now: datetime,
    bounds: trust_policy.Bounds | None = None,
) -> int:
    """Sign the next root version: today's accounts, the store's online key, the bounds.

    ``root_keys`` are the current root's private keys (the first root: the new one). To
    rotate the root key, pass the new one as ``new_root_key``: the next root lists it and
    is signed by both, so kiosks holding the old root follow.
    """
    previous = latest(session, "root")
    if previous is not None:
        old = Metadata[Root].from_bytes(previous.data).signed
        if bounds is None:
            bounds = trust_policy.from_root(old).bounds
        held = {signer(k).public_key.keyid for k in root_keys}
        if not held & set(old.roles["root"].keyids):
            raise TrustError("that is not this store's root key (the root is signed by another key)")
    bounds = bounds or trust_policy.Bounds()
    version = previous.version + 1 if previous is not None else 1
    root_signer = signer(new_root_key or root_keys[0])
    online = SSlibKey.from_crypto(store_key.public_key())
    root = Root(version=version, expires=now + bounds.root_lifetime, consistent_snapshot=True)
    root.add_key(root_signer.public_key, "root")
    for role in ("timestamp", "snapshot", "targets"):
        root.add_key(online, role)
    root.unrecognized_fields[trust_policy.FIELD] = current_policy(session, bounds).to_dict()
    md = Metadata(root)
    for key in root_keys + ([new_root_key] if new_root_key is not None else []):
        md.sign(signer(key), append=True)
    _store(session, "root", version, md, _digest(root.to_dict()), None)
    return version


def bounds_with(session: Session | None, changes: dict[str, int]) -> trust_policy.Bounds:
    """The current root's bounds (the defaults without one) with ``changes`` applied."""
    row = latest(session, "root") if session is not None else None
    current = (
        trust_policy.from_root(Metadata[Root].from_bytes(row.data).signed).bounds if row else trust_policy.Bounds()
    )
    return trust_policy.from_dict({"bounds": {**current.to_dict(), **changes}}).bounds


# -- the online roles --------------------------------------------------------------------


def timestamp_lifetime(session: Session) -> timedelta:
    found = session.get(Setting, TIMESTAMP_LIFETIME_SETTING)
    return timedelta(seconds=int(found.value)) if found is not None else DEFAULT_TIMESTAMP_LIFETIME


def built_for(session: Session, store_keyid: str) -> str:
    root = latest(session, "root")
    version = session.scalar(select(FeedState.version).where(FeedState.id == 1))
    return f"{version}:{root.version if root else 0}:{store_keyid}"


def needs_build(session: Session, store_keyid: str, now: datetime) -> bool:
    found = session.get(Setting, BUILT_SETTING)
    if found is None or found.value != built_for(session, store_keyid):
        return True
    ts = latest(session, "timestamp")
    return (
        ts is None
        or ts.expires - now < timestamp_lifetime(session) / 2
        or ts.expires > now + 2 * timestamp_lifetime(session)
    )


@dataclass(frozen=True, slots=True)
class Head:
    """What a build needs of a role's newest file: its version, digest and expiry."""

    version: int
    digest: str
    expires: datetime


def newest_bins(session: Session) -> dict[str, Head]:
    """The newest file of every role, in one query without the files' bytes: asked bin by
    bin, a build after one change spent most of its time on 256 round trips. Each role
    keeps two versions at most (:func:`_store`), so this reads a few hundred small rows."""
    heads: dict[str, Head] = {}
    rows = session.execute(
        select(TrustMetadata.role, TrustMetadata.version, TrustMetadata.digest, TrustMetadata.expires).order_by(
            TrustMetadata.role, TrustMetadata.version
        )
    )
    for role, version, digest, expires in rows:
        heads[role] = Head(version, digest, expires)  # ordered by version: the last one stays
    return heads


def desired_bins(session: Session) -> dict[str, dict[str, TargetFile]]:
    """What every bin must list now: the live v2 document of each item in the feed, and withdrawals."""
    roles = succinct("_")
    bins: dict[str, dict[str, TargetFile]] = {name: {} for name in roles.get_roles()}
    shas: list[str] = []
    live = session.execute(
        select(FeedEntry.item_id, FeedEntry.revision, Publication.sha256, Publication.length).join(
            Publication, (Publication.item_id == FeedEntry.item_id) & (Publication.revision == FeedEntry.revision)
        )
    )
    for item_id, revision, sha, length in live:
        path = f"items/{item_id}"
        bins[roles.get_role_for_target(path)][path] = TargetFile(
            length, {"sha256": sha}, path, unrecognized_fields={"custom": {"revision": revision}}
        )
        shas.append(sha)
    for item_id, revision, sha, length in session.execute(
        select(Withdrawal.item_id, Withdrawal.revision, Withdrawal.sha256, Withdrawal.length)
    ):
        path = f"withdrawals/{item_id}"
        bins[roles.get_role_for_target(path)][path] = TargetFile(
            length, {"sha256": sha}, path, unrecognized_fields={"custom": {"revision": revision}}
        )
    version = session.scalar(select(FeedState.version).where(FeedState.id == 1))
    for start in range(0, len(shas), 500):  # what a bin lists may be downloaded without a token
        session.execute(
            update(Document)
            .where(Document.sha256.in_(shas[start : start + 500]), Document.served_since.is_(None))
            .values(served_since=version)
        )
    return bins


def build(session: Session, store_key: Ed25519PrivateKey, now: datetime, data_dir: Path) -> dict[str, int]:
    """Bring every online role up to date (inside :meth:`Database.write`); the versions now current."""
    now = as_utc(now).replace(microsecond=0)
    check_not_restored(session, data_dir)
    root_row = latest(session, "root")
    if root_row is None:
        raise TrustError("this store has no root yet: run kiosk-store root init --root-key FILE")
    root = Metadata[Root].from_bytes(root_row.data).signed
    bounds = trust_policy.from_root(root).bounds
    online = signer(store_key)
    keyid = online.public_key.keyid
    if keyid not in root.roles["timestamp"].keyids:
        raise TrustError(
            "the store's key is not the online key the root names: run kiosk-store root sign --root-key FILE"
        )
    ts_life = min(timestamp_lifetime(session), bounds.timestamp_lifetime)
    md_life = min(DEFAULT_METADATA_LIFETIME, bounds.metadata_lifetime)
    floor = version_floor(session)
    changed_any = False

    def stale(row: TrustMetadata | Head | None, life: timedelta) -> bool:
        return row is None or row.expires - now < life / 2 or row.expires > now + life

    targets_row = latest(session, "targets")
    targets_digest = _digest({"keyid": keyid, "bits": BIN_BITS})
    rotated = targets_row is None or targets_row.digest != targets_digest
    versions: dict[str, int] = {}
    if targets_row is None or rotated or stale(targets_row, md_life):
        version = max(targets_row.version if targets_row else 0, floor.get("targets", 0)) + 1
        targets = Targets(version=version, expires=now + md_life)
        targets.delegations = Delegations(keys={keyid: online.public_key}, succinct_roles=succinct(keyid))
        targets_md = Metadata(targets)
        targets_md.sign(online)
        _store(session, "targets", version, targets_md, targets_digest, targets_row.version if targets_row else None)
        versions["targets"], changed_any = version, True
    else:
        versions["targets"] = targets_row.version

    heads = newest_bins(session)
    for name, listed in desired_bins(session).items():
        row = heads.get(name)
        digest = _digest({path: tf.to_dict() for path, tf in sorted(listed.items())})
        if rotated or row is None or row.digest != digest or stale(row, md_life):
            # Above every snapshot ever issued after a restore: a bin version a kiosk may
            # hold with other content is never reused (bin versions never pass snapshot's).
            version = max(row.version if row else 0, floor.get("snapshot", 0)) + 1
            bin_md = Metadata(Targets(version=version, expires=now + md_life, targets=listed))
            bin_md.sign(online)
            _store(session, name, version, bin_md, digest, row.version if row else None)
            versions[name], changed_any = version, True
        else:
            versions[name] = row.version

    snapshot_row = latest(session, "snapshot")
    meta = {f"{role}.json": MetaFile(version) for role, version in sorted(versions.items())}
    snapshot_digest = _digest({k: v.version for k, v in meta.items()})
    if (
        changed_any
        or snapshot_row is None
        or snapshot_row.digest != snapshot_digest
        or stale(snapshot_row, md_life)
        or snapshot_row.version <= floor.get("snapshot", 0)
    ):  # a confirmed restore: above all issued
        version = max(snapshot_row.version if snapshot_row else 0, floor.get("snapshot", 0)) + 1
        snapshot_md = Metadata(Snapshot(version=version, expires=now + md_life, meta=meta))
        snapshot_md.sign(online)
        snapshot_data = _store(
            session, "snapshot", version, snapshot_md, snapshot_digest, snapshot_row.version if snapshot_row else None
        )
        snapshot_version = version
    else:
        snapshot_data, snapshot_version = snapshot_row.data, snapshot_row.version

    ts_row = latest(session, "timestamp")
    ts_digest = hashlib.sha256(snapshot_data).hexdigest()
    if (
        ts_row is None
        or ts_row.digest != ts_digest
        or stale(ts_row, ts_life)
        or ts_row.version <= floor.get("timestamp", 0)
    ):  # a confirmed restore: above all issued
        version = max(ts_row.version if ts_row else 0, floor.get("timestamp", 0)) + 1
        snapshot_meta = MetaFile(snapshot_version, len(snapshot_data), {"sha256": ts_digest})
        ts_md = Metadata(Timestamp(version=version, expires=now + ts_life, snapshot_meta=snapshot_meta))
        ts_md.sign(online)
        _store(session, "timestamp", version, ts_md, ts_digest, ts_row.version if ts_row else None)
        ts_version = version
    else:
        ts_version = ts_row.version

    built = session.get(Setting, BUILT_SETTING)
    marker = built_for(session, keyid)
    if built is None:
        session.add(Setting(key=BUILT_SETTING, value=marker))
    else:
        built.value = marker
    session.flush()
    return {"timestamp": ts_version, "snapshot": snapshot_version}


def metadata(session: Session, role: str, version: int | None) -> bytes | None:
    """One stored file: ``role`` at ``version``, or the newest when ``version`` is None."""
    if version is None:
        row = latest(session, role)
    else:
        row = session.get(TrustMetadata, (role, version))
    return bytes(row.data) if row is not None else None


def root_pin(session: Session) -> tuple[int, str]:
    """The newest root's version and sha256: what a kiosk pins at enrollment."""
    row = latest(session, "root")
    if row is None:
        raise TrustError("this store has no root yet: run kiosk-store root init --root-key FILE")
    return row.version, hashlib.sha256(row.data).hexdigest()
