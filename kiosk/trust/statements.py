"""The people's statements: approval, publication and withdrawal, each signed by the actor.

* **approval** (unchanged from v1): the approver's signature over the approved fields
  (:func:`kiosk.feed.approval_bytes`).
* **publication**: the publisher's signature over the item id, the revision, the sha256 of
  the approved bytes and the dates a screen prints (``published_at``, ``revised_at``), and
  when they signed. A v2 item document carries the item, its approval and its publication.
* **withdrawal**: the publisher's signature over the item id, the revision withdrawn and
  when. A kiosk keeps every withdrawal it verified: no revision at or below it returns.

The store holds only public keys and the signatures people's tools made; whether a key
may sign is decided by the root (:mod:`kiosk.trust.policy`), never by the store.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kiosk import feed, signing
from kiosk.clock import as_utc
from kiosk.content import Audience, Item, item_from_dict, item_to_dict
from kiosk.feed import FeedError
from kiosk.trust.policy import Policy

ITEM_FORMAT = "lobby-kiosk/item@2"
PUBLICATION = "lobby-kiosk/publication@1"
WITHDRAWAL = "lobby-kiosk/withdrawal@1"
#: The largest withdrawal statement a kiosk downloads.
MAX_WITHDRAWAL_BYTES = 4096


def publication_bytes(
    item_id: str, revision: int, approved: bytes, published_at: str | None, revised_at: str | None, signed_at: str
) -> bytes:
    """The bytes a publisher signs to put one approved revision on screens."""
    return signing.canonical_json(
        {
            "kind": PUBLICATION,
            "item": item_id,
            "revision": revision,
            "approved_sha256": hashlib.sha256(approved).hexdigest(),
            "published_at": published_at,
            "revised_at": revised_at,
            "signed_at": signed_at,
        }
    )


def withdrawal_bytes(item_id: str, revision: int, withdrawn_at: str) -> bytes:
    return signing.canonical_json(
        {"kind": WITHDRAWAL, "item": item_id, "revision": revision, "withdrawn_at": withdrawn_at}
    )


def item_document(item: Item, approval: dict[str, Any], publication: dict[str, Any]) -> bytes:
    """The immutable v2 document of one published revision."""
    return signing.canonical_json(
        {"format": ITEM_FORMAT, "item": item_to_dict(item), "approval": approval, "publication": publication}
    )


def withdrawal_document(
    item_id: str, revision: int, withdrawn_at: str, publisher: str, key: str, signature: str
) -> bytes:
    """``withdrawn_at`` is the exact text the publisher signed."""
    return signing.canonical_json(
        {
            "format": WITHDRAWAL,
            "item": item_id,
            "revision": revision,
            "withdrawn_at": withdrawn_at,
            "publisher": publisher,
            "key": key,
            "signature": signature,
        }
    )


def open_item_document(data: bytes, policy: Policy) -> Item:
    """The item in a v2 document, after every check of its people's signatures; raises :class:`FeedError`.

    The caller has already checked the bytes against the hash the store's metadata names.
    """
    try:
        document = json.loads(data)
        if not isinstance(document, dict) or document.get("format") != ITEM_FORMAT:
            raise FeedError("malformed", "not a v2 item document")
        fields = document["item"]
        approval = document["approval"]
        publication = document["publication"]
        item = item_from_dict(fields)
        approval_key, approval_sig = str(approval["key"]), str(approval["signature"])
        publication_key, publication_sig = str(publication["key"]), str(publication["signature"])
        signed_at = as_utc(datetime.fromisoformat(str(publication["signed_at"])))
    except FeedError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise FeedError("malformed", f"item document: malformed ({exc})") from None
    approved = feed.approval_bytes(fields)
    approver = policy.approver(approval_key)
    if approver is None:
        raise FeedError("approval", f"item {item.id}: approved with a key the root does not list")
    if not signing.verify(approval_key, approved, approval_sig):
        raise FeedError("approval", f"item {item.id}: the approver's signature does not match the item")
    publisher = policy.publisher(publication_key)
    if publisher is None:
        raise FeedError("publication", f"item {item.id}: published with a key the root does not list")
    signed = publication_bytes(
        item.id,
        item.revision,
        approved,
        fields.get("published_at"),
        fields.get("revised_at"),
        str(publication["signed_at"]),
    )
    if not signing.verify(publication_key, signed, publication_sig):
        raise FeedError(
            "publication",
            f"item {item.id}: the publisher's signature does not match the item, its revision or its dates",
        )
    if not publisher.may_sign_at(signed_at) or not approver.may_sign_at(signed_at):
        raise FeedError("publication", f"item {item.id}: signed after its approver or publisher was retired")
    if item.audience is not Audience.PUBLIC:
        raise FeedError("audience", f"item {item.id}: audience {item.audience.value} must never reach a kiosk")
    return item


@dataclass(frozen=True, slots=True)
class Withdrawal:
    item_id: str
    revision: int
    withdrawn_at: datetime


def open_withdrawal(data: bytes, policy: Policy) -> Withdrawal:
    """A verified withdrawal statement; raises :class:`FeedError`."""
    if len(data) > MAX_WITHDRAWAL_BYTES:
        raise FeedError("oversized", "withdrawal statement too large")
    try:
        document: dict[str, Any] = json.loads(data)
        if document.get("format") != WITHDRAWAL:
            raise FeedError("malformed", "not a withdrawal statement")
        item_id, revision = str(document["item"]), document["revision"]
        if not isinstance(revision, int) or isinstance(revision, bool) or revision < 1:
            raise ValueError(f"bad revision {revision!r}")
        withdrawn_text = str(document["withdrawn_at"])
        withdrawn_at = as_utc(datetime.fromisoformat(withdrawn_text))
        key, signature = str(document["key"]), str(document["signature"])
    except FeedError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise FeedError("malformed", f"withdrawal statement: malformed ({exc})") from None
    publisher = policy.publisher(key)
    if publisher is None or not publisher.may_sign_at(withdrawn_at):
        raise FeedError("withdrawal", f"withdrawal of {item_id}: signed with a key the root does not allow")
    if not signing.verify(key, withdrawal_bytes(item_id, revision, withdrawn_text), signature):
        raise FeedError("withdrawal", f"withdrawal of {item_id}: the publisher's signature does not match")
    return Withdrawal(item_id=item_id, revision=revision, withdrawn_at=withdrawn_at)
