"""Protocol v2 against a compromised store server: its database and its online key, none of the people's keys.

The attacker writes the store's database directly (as someone on the server would) and
lets the real server sign what it then holds; where the server itself refuses to sign
(a lifetime beyond the root's bounds), the attacker signs with the stolen online key.
Each attack fails at the kiosk, and the rest of the feed still gets through — on SQLite and on
PostgreSQL (the attacker's writes go through SQLAlchemy, as the server's own do).
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import delete, update
from store_support import database_url  # noqa: F401 (fixture)
from support import NOW
from tuf.api.metadata import Metadata, MetaFile, Timestamp
from v2_support import clock, kiosk_at, publish, rig  # noqa: F401 (fixtures)

from kiosk import feed, signing
from kiosk.content import item_from_dict
from kiosk.store import keys, trust_repo, trust_versions
from kiosk.store.models import Document, FeedEntry, FeedState, Publication, Setting, Withdrawal
from kiosk.sync import SyncError, status
from kiosk.trust import statements


def new_version(session) -> None:
    """What the attacker does after editing rows: a new feed version, so the server re-signs."""
    session.execute(update(FeedState).where(FeedState.id == 1).values(version=FeedState.version + 1))


def refusal(kiosk, clock, item_id: str) -> str:
    return status.read(kiosk.cache, now=clock.now()).refusals[item_id]["reason"]


def test_a_withdrawn_revision_never_comes_back(rig, clock):
    store, _proxy, kiosk = rig
    with store.db.read() as session:
        live = session.get(Publication, ("guide", 1))
        sha = live.sha256
    store.withdraw("guide", "dan")
    kiosk.sync()
    assert "guide" not in kiosk.items()
    with store.db.write() as session:  # the attacker: the withdrawal gone, the revision back in the feed
        session.execute(delete(Withdrawal).where(Withdrawal.item_id == "guide"))
        session.add(FeedEntry(item_id="guide", revision=1, sha256=sha))
        new_version(session)
    kiosk.sync()
    assert "guide" not in kiosk.items()
    assert refusal(kiosk, clock, "guide") == "withdrawn"


def test_an_item_is_never_rolled_back_to_an_older_approved_revision(rig, clock, tmp_path):
    store, _proxy, kiosk = rig
    publish(store, tmp_path, "年度工作要点（修订）", "points")
    kiosk.sync()
    assert kiosk.items()["points"] == 2
    with store.db.write() as session:
        first = session.get(Publication, ("points", 1))
        session.execute(update(FeedEntry).where(FeedEntry.item_id == "points").values(revision=1, sha256=first.sha256))
        new_version(session)
    kiosk.sync()
    assert kiosk.items()["points"] == 2 and kiosk.item("points").title == "年度工作要点（修订）"
    assert refusal(kiosk, clock, "points") == "rollback"


def forge_dates(store, item_id: str, revision: int, published: str, revised: str | None) -> None:
    with store.db.write() as session:
        publication = session.get(Publication, (item_id, revision))
        document = json.loads(session.get(Document, publication.sha256).data)
        document["item"].update(published_at=published, revised_at=revised)
        data = signing.canonical_json(document)
        sha = feed.sha256_hex(data)
        session.add(Document(sha256=sha, item_id=item_id, revision=revision, data=data, served_since=1))
        publication.sha256, publication.length = sha, len(data)
        session.execute(update(FeedEntry).where(FeedEntry.item_id == item_id).values(sha256=sha))
        new_version(session)


def test_the_dates_a_screen_prints_cannot_be_set_by_the_store(rig, clock, tmp_path):
    store, proxy, kiosk = rig
    printed = kiosk.item("points").published_at
    forge_dates(store, "points", 1, "2019-03-01T00:00:00+00:00", "2031-01-01T00:00:00+00:00")
    kiosk.sync()
    assert kiosk.item("points").published_at == printed and kiosk.item("points").revised_at is None
    assert refusal(kiosk, clock, "points") == "publication"
    with kiosk_at(tmp_path / "fresh", proxy.url, store, clock) as fresh:  # a kiosk that never held it
        fresh.sync()
        assert fresh.items() == {"guide": 1}


def test_an_item_signed_by_keys_the_root_does_not_list_is_refused_and_a_withdrawal_beside_it_applies(rig, clock):
    store, _proxy, kiosk = rig
    mallory = signing.generate()
    mallory_key = signing.public_text(mallory)
    fields = dict(json.loads(kiosk_document(store, "points"))["item"], id="forged", title="伪造的通知", revision=1)
    approved = feed.approval_bytes(fields)
    signed_at = NOW.isoformat()
    item = item_from_dict(fields)
    data = statements.item_document(
        item,
        {"approver": "bob", "key": mallory_key, "signature": signing.sign(mallory, approved)},
        {
            "publisher": "dan",
            "key": mallory_key,
            "signed_at": signed_at,
            "signature": signing.sign(
                mallory,
                statements.publication_bytes(
                    "forged", 1, approved, fields["published_at"], fields.get("revised_at"), signed_at
                ),
            ),
        },
    )
    sha = feed.sha256_hex(data)
    store.withdraw("guide", "dan")  # a real withdrawal, in the same batch
    with store.db.write() as session:
        session.add(Document(sha256=sha, item_id="forged", revision=1, data=data, served_since=1))
        session.add(Publication(item_id="forged", revision=1, sha256=sha, length=len(data)))
        session.add(FeedEntry(item_id="forged", revision=1, sha256=sha))
        new_version(session)
    kiosk.sync()
    assert kiosk.items() == {"points": 1}
    assert refusal(kiosk, clock, "forged") == "approval"


def kiosk_document(store, item_id: str) -> bytes:
    with store.db.read() as session:
        return session.get(Document, session.get(Publication, (item_id, 1)).sha256).data


def test_a_version_jump_to_ten_to_the_fifteen_is_refused(rig, clock):
    store, _proxy, kiosk = rig
    store.withdraw("guide", "dan")
    with store.db.write() as session:  # the server then signs timestamp and snapshot 10^15 + 1
        session.merge(
            Setting(key=trust_versions.FLOOR_SETTING, value=json.dumps({"timestamp": 10**15, "snapshot": 10**15}))
        )
        new_version(session)
    with pytest.raises(SyncError) as caught:
        kiosk.sync()
    assert caught.value.reason == "metadata" and "more than" in str(caught.value)
    assert "guide" in kiosk.items()  # nothing of that history was applied, and the kiosk says so
    assert status.read(kiosk.cache, now=clock.now()).last_error


def test_a_timestamp_valid_for_ten_years_is_refused(rig, clock):
    store, proxy, kiosk = rig
    online = trust_repo.signer(keys.load_store_key(store.data_dir))  # the stolen online key
    with store.db.read() as session:
        current = Metadata[Timestamp].from_bytes(trust_repo.metadata(session, "timestamp", None)).signed
    forged = Metadata(
        Timestamp(
            version=current.version + 1,
            expires=clock.now() + timedelta(days=3650),
            snapshot_meta=MetaFile(
                current.snapshot_meta.version, current.snapshot_meta.length, current.snapshot_meta.hashes
            ),
        )
    )
    forged.sign(online)
    data = forged.to_bytes(trust_repo.SERIALIZER)
    proxy.rule = lambda path, upstream: (200, {}, data) if path.endswith("timestamp.json") else None
    with pytest.raises(SyncError) as caught:
        kiosk.sync()
    assert "beyond" in str(caught.value)
    clock.advance(timedelta(days=2))  # and it does not keep the kiosk "fresh" either
    proxy.rule = lambda path, upstream: (200, {}, data) if path.endswith("timestamp.json") else None
    with pytest.raises(SyncError):
        kiosk.sync()
    assert status.read(kiosk.cache, now=clock.now()).stale
