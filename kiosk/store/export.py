"""``kiosk-store export-feed DIR``: the v2 feed as plain files any web server or CDN can serve.

The layout is the store's own URL space, so a kiosk's ``url`` may point at either:
``v2/metadata/timestamp.json`` and ``v2/metadata/N.ROLE.json``, ``v2/targets/SHA256``,
``v2/packs/N.json`` and ``v2/packs/SHA256``, and attachments at ``v1/assets/SHA256``.
Every file but ``timestamp.json`` is immutable; the timestamp is short-lived, so run the
export again well within its lifetime (a timer, or after each publication). Files are
written to a temporary name and renamed, the timestamp last: a reader never sees a
timestamp naming files that are not there yet.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from sqlalchemy import select

from kiosk.store import packs, trust_versions
from kiosk.store.models import Asset, Document, FeedEntry, Publication, TrustMetadata, Withdrawal


def _write(path: Path, data: bytes) -> bool:
    if path.exists() and path.name != "timestamp.json":
        return False  # immutable: already there
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True


def export_feed(store, directory: Path) -> str:
    """Write everything a kiosk needs; a one-line summary."""
    store.refresh()
    store.build_trust()
    root = Path(directory)
    written = 0
    with store.db.read() as session:
        timestamp = trust_versions.latest(session, "timestamp")
        if timestamp is None:  # build_trust signs one whenever the store has a root
            raise trust_versions.TrustError("no timestamp metadata: run kiosk-store root init --root-key FILE")
        for role, version, data in session.execute(
            select(TrustMetadata.role, TrustMetadata.version, TrustMetadata.data).where(
                TrustMetadata.role != "timestamp"
            )
        ):
            written += _write(root / "v2" / "metadata" / f"{version}.{role}.json", bytes(data))
        shas = [
            s
            for (s,) in session.execute(
                select(Publication.sha256).join(
                    FeedEntry, (Publication.item_id == FeedEntry.item_id) & (Publication.revision == FeedEntry.revision)
                )
            )
        ]
        shas += [s for (s,) in session.execute(select(Withdrawal.sha256))]
        assets: set[str] = set()
        for start in range(0, len(shas), 500):
            for sha, data in session.execute(
                select(Document.sha256, Document.data).where(Document.sha256.in_(shas[start : start + 500]))
            ):
                written += _write(root / "v2" / "targets" / sha, bytes(data))
                item = json.loads(data).get("item")
                if isinstance(item, dict):
                    assets.update(a["sha256"] for a in item.get("attachments", ()))
        for sha in sorted(assets):
            path = root / "v1" / "assets" / sha
            if not path.exists():
                data = session.scalar(select(Asset.data).where(Asset.sha256 == sha))
                if data is not None:
                    written += _write(path, bytes(data))
        version, built, index = packs.build(session)
        for name, pack in built.items():
            written += _write(root / "v2" / "packs" / name, pack)
        written += _write(root / "v2" / "packs" / f"{version}.json", index)
        _write(root / "v2" / "metadata" / "timestamp.json", bytes(timestamp.data))  # last
        expires = timestamp.expires
    return f"exported snapshot {version} ({written} new files); timestamp valid until {expires.isoformat()}"
