"""The feed: what the store sends and what a kiosk accepts. Shared by both sides.

Three kinds of document travel from the store to kiosks:

* **item documents** — one item revision, with the approver's signature over its approved
  fields. Named by the sha256 of their bytes, immutable, cacheable by anything in between.
* **feed versions** — signed by the store: a version number that only grows, issue and
  expiry times, and the items in the feed as ``(id, revision, sha256)``. A *snapshot*
  lists every item; a *delta* lists what changed since an earlier version.
* **assets** — attachment bytes, named by their sha256 (listed inside item documents).

A kiosk accepts a feed version only if the store's pinned key signed it, it is not older
than what the kiosk has (rollback), and it has not expired (replay). It accepts an item
document only if its bytes match the hash the feed names, a pinned approver key signed
its approved fields, and it is a public item (defence in depth: the store never sends
internal ones). What is approved excludes ``published_at`` and ``revised_at``: those are
set at publication, after approval, and are covered by the store's signature instead.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk import signing
from kiosk.clock import as_utc
from kiosk.content import Audience, Item, item_from_dict, item_to_dict

ITEM_FORMAT = "lobby-kiosk/item@1"
FEED_FORMAT = "lobby-kiosk/feed@1"
#: Fields set at publication, outside the approver's signature.
PUBLICATION_FIELDS = ("published_at", "revised_at")
#: How long a signed feed version stays acceptable after it was issued.
FEED_LIFETIME = timedelta(hours=24)
#: Tolerated difference between the store's clock and a kiosk's.
CLOCK_SKEW = timedelta(minutes=5)

#: Upper bounds a kiosk enforces while downloading (a hostile store cannot fill its disk).
MAX_FEED_BYTES = 32 * 1024 * 1024
MAX_ITEM_BYTES = 8 * 1024 * 1024
MAX_ASSET_BYTES = 64 * 1024 * 1024


class FeedError(ValueError):
    """A document a kiosk must refuse. ``reason`` is a short word for logs and status."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# -- item documents -------------------------------------------------------------------


def approved_fields(item: Item | dict[str, Any]) -> dict[str, Any]:
    data = item_to_dict(item) if isinstance(item, Item) else dict(item)
    for name in PUBLICATION_FIELDS:
        data.pop(name, None)
    return data


def approval_bytes(item: Item | dict[str, Any]) -> bytes:
    """The bytes an approver signs for a revision."""
    return signing.canonical_json(approved_fields(item))


def item_document(item: Item, approver: str, approver_key: str, signature: str) -> bytes:
    """The immutable document for one published revision."""
    return signing.canonical_json(
        {
            "format": ITEM_FORMAT,
            "item": item_to_dict(item),
            "approval": {"approver": approver, "key": approver_key, "signature": signature},
        }
    )


def open_item_document(data: bytes, expected_sha256: str, approver_keys: frozenset[str] | set[str]) -> Item:
    """The item in a downloaded document, after every check; raises :class:`FeedError`."""
    if sha256_hex(data) != expected_sha256:
        raise FeedError("hash", f"item document {expected_sha256[:12]}…: bytes do not match the signed hash")
    try:
        document = json.loads(data)
        if document.get("format") != ITEM_FORMAT:
            raise FeedError(
                "malformed", f"item document {expected_sha256[:12]}…: unknown format {document.get('format')!r}"
            )
        fields = document["item"]
        approval = document["approval"]
        item = item_from_dict(fields)
    except FeedError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise FeedError("malformed", f"item document {expected_sha256[:12]}…: malformed ({exc})") from None
    key = approval.get("key") if isinstance(approval, dict) else None
    if not isinstance(key, str) or key not in approver_keys:
        raise FeedError("approval", f"item {item.id}: approved with a key this kiosk does not trust")
    if not signing.verify(key, approval_bytes(fields), str(approval.get("signature", ""))):
        raise FeedError("approval", f"item {item.id}: the approver's signature does not match the item")
    if item.audience is not Audience.PUBLIC:
        raise FeedError("audience", f"item {item.id}: audience {item.audience.value} must never reach a kiosk")
    return item


# -- feed versions --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    revision: int
    sha256: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "revision": self.revision, "sha256": self.sha256}


@dataclass(frozen=True, slots=True)
class FeedVersion:
    kind: str  # "snapshot" or "delta"
    version: int
    issued_at: datetime
    expires_at: datetime
    #: Snapshot: every item in the feed. Delta: items added or changed since ``since``.
    entries: tuple[Entry, ...]
    #: Delta only: ids that left the feed since ``since``.
    removals: tuple[str, ...] = ()
    since: int | None = None

    def payload(self) -> dict[str, Any]:
        data = {
            "format": FEED_FORMAT,
            "kind": self.kind,
            "version": self.version,
            "issued_at": self.issued_at.isoformat(),
            "expires_at": self.expires_at.isoformat(),
            "entries": [e.to_dict() for e in self.entries],
        }
        if self.kind == "delta":
            data["since"] = self.since
            data["removals"] = list(self.removals)
        return data


def sign_feed(feed: FeedVersion, store_key: Ed25519PrivateKey) -> bytes:
    """The signed envelope the store serves: the payload's exact bytes, and their signature."""
    payload = signing.canonical_json(feed.payload())
    return signing.canonical_json(
        {
            "payload": base64.b64encode(payload).decode("ascii"),
            "signature": signing.sign(store_key, payload),
        }
    )


def open_feed(envelope: bytes, store_key: str, now: datetime, held_version: int) -> FeedVersion:
    """The feed version in a signed envelope, after every check; raises :class:`FeedError`.

    ``held_version`` is the version the kiosk already has (0 for none). A version below it
    is a rollback; a delta must start at it exactly.
    """
    now = as_utc(now)
    if len(envelope) > MAX_FEED_BYTES:
        raise FeedError("oversized", f"feed of {len(envelope)} bytes exceeds {MAX_FEED_BYTES}")
    try:
        outer = json.loads(envelope)
        payload = base64.b64decode(outer["payload"], validate=True)
        signature = outer["signature"]
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise FeedError("malformed", "feed is not a signed envelope") from None
    if not signing.verify(store_key, payload, str(signature)):
        raise FeedError("signature", "feed signature does not verify with the pinned store key")
    try:
        data = json.loads(payload)
        if data.get("format") != FEED_FORMAT or data.get("kind") not in ("snapshot", "delta"):
            raise ValueError(f"unknown format or kind {data.get('format')!r}/{data.get('kind')!r}")
        feed = FeedVersion(
            kind=data["kind"],
            version=_whole(data["version"]),
            issued_at=as_utc(datetime.fromisoformat(data["issued_at"])),
            expires_at=as_utc(datetime.fromisoformat(data["expires_at"])),
            entries=tuple(_entry(e) for e in data["entries"]),
            removals=tuple(str(r) for r in data.get("removals", ())),
            since=_whole(data["since"]) if data["kind"] == "delta" else None,
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise FeedError("malformed", f"feed payload is malformed ({exc})") from None
    if feed.version < held_version:
        raise FeedError("rollback", f"feed version {feed.version} is older than the version held ({held_version})")
    if feed.kind == "delta" and feed.since != held_version:
        raise FeedError(
            "mismatch", f"delta from version {feed.since} does not start at the version held ({held_version})"
        )
    if feed.expires_at <= now:
        raise FeedError("expired", f"feed version {feed.version} expired at {feed.expires_at.isoformat()}")
    if feed.issued_at > now + CLOCK_SKEW:
        raise FeedError(
            "future",
            f"feed version {feed.version} claims to be issued in the future "
            f"({feed.issued_at.isoformat()}); check this kiosk's clock",
        )
    ids = [e.id for e in feed.entries]
    if len(ids) != len(set(ids)):
        raise FeedError("malformed", f"feed version {feed.version} lists an item twice")
    return feed


def _whole(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"expected a whole number, got {value!r}")
    return value


def _entry(data: dict[str, Any]) -> Entry:
    sha = str(data["sha256"])
    if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
        raise ValueError(f"bad sha256 {sha[:70]!r}")
    return Entry(id=str(data["id"]), revision=_whole(data["revision"]), sha256=sha)
