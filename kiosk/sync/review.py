"""Judging what a protocol-v2 sync was offered, before anything reaches the cache.

Plain functions over what the bins list and what was downloaded, so the rules read in one
place: a listed revision is needed only when it is new, neither withdrawn nor below one
already held; a downloaded document counts only when its length and hash are the ones
listed, its signatures hold under the root's policy, and it is the item and revision the
bin named. Each refusal is recorded by item id and concerns that item only.
"""

from __future__ import annotations

from typing import Any

from tuf.api import exceptions
from tuf.api.metadata import TargetFile

from kiosk import feed
from kiosk.content import Item
from kiosk.sync.ledger import Ledger
from kiosk.trust import statements
from kiosk.trust.policy import Policy


def needed(
    offered: dict[str, TargetFile],
    entries_held: dict[str, tuple[int, str]],
    ledger: Ledger,
    refusals: dict[str, dict[str, Any]],
    *,
    full: bool,
) -> dict[str, tuple[int, TargetFile]]:
    """The listed revisions to download (item id: revision and target); refusals are added."""
    need: dict[str, tuple[int, TargetFile]] = {}
    for item_id, info in offered.items():
        revision = (info.custom or {}).get("revision")
        sha = info.hashes.get("sha256", "")
        if not isinstance(revision, int) or isinstance(revision, bool):
            refusals[item_id] = {"reason": "malformed", "message": f"item {item_id}: no revision in its bin"}
        elif not full and entries_held.get(item_id) == (revision, sha):
            continue  # held and verified; a full sync (new root, fork, first) checks it again
        elif revision <= ledger.withdrawn(item_id):
            refusals[item_id] = {
                "revision": revision,
                "reason": "withdrawn",
                "message": f"item {item_id} revision {revision} was withdrawn; it never returns",
            }
        elif revision < ledger.highest(item_id):
            refusals[item_id] = {
                "revision": revision,
                "reason": "rollback",
                "message": f"item {item_id} revision {revision} is older than revision "
                f"{ledger.highest(item_id)} already held",
            }
        else:
            need[item_id] = (revision, info)
    return need


def verified(
    need: dict[str, tuple[int, TargetFile]],
    documents: dict[str, bytes],
    policy: Policy,
    refusals: dict[str, dict[str, Any]],
) -> dict[str, Item]:
    """The downloaded documents (by sha256) that verify as the items needed; refusals are added."""
    by_sha = {info.hashes["sha256"]: item_id for item_id, (_r, info) in need.items()}
    items: dict[str, Item] = {}
    for sha, item_id in by_sha.items():
        if sha not in documents:
            continue
        revision, info = need[item_id]
        try:
            info.verify_length_and_hashes(documents[sha])
            item = statements.open_item_document(documents[sha], policy)
            if item.id != item_id or item.revision != revision:
                raise feed.FeedError(
                    "mismatch",
                    f"document listed as {item_id} revision {revision} holds {item.id} revision {item.revision}",
                )
        except (feed.FeedError, exceptions.LengthOrHashMismatchError) as exc:
            refusals[item_id] = {"revision": revision, **refusal(exc)}
            continue
        items[item_id] = item
    return items


def refusal(exc: Exception) -> dict[str, Any]:
    """A refusal's record: its reason and a line a person can read."""
    reason = getattr(exc, "reason", None) or (
        "hash" if isinstance(exc, exceptions.LengthOrHashMismatchError) else "refused"
    )
    return {"reason": reason, "message": str(exc)}
