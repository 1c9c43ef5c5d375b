"""Protocol v2 key changes reach kiosks through the feed: no kiosk is edited.

Adding an approver or a publisher, retiring one, rotating the store's online key and
rotating the root key itself: each is a new root signed with the offline root key, which
kiosks enrolled earlier follow from the root they pinned. On SQLite and on PostgreSQL.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import update
from store_support import database_url  # noqa: F401 (fixture)
from v2_support import clock, kiosk_at, publish, rig  # noqa: F401 (fixtures)

from kiosk import feed, signing
from kiosk.content import item_from_dict
from kiosk.store import keys
from kiosk.store.models import Document, FeedEntry, FeedState, Publication, Withdrawal
from kiosk.store.workflow import WorkflowError
from kiosk.sync import status
from kiosk.trust import statements

ROOT_KEY = "offline/root.key"


def test_a_new_approver_counts_once_the_root_says_so_and_a_withdrawal_never_waits(rig, clock, tmp_path):
    store, _proxy, kiosk = rig
    store.add_user("erin", "approver")
    publish(store, tmp_path, "新审核人批准的条目", "by-erin", approver="erin")
    store.withdraw("guide", "dan")
    kiosk.sync()
    assert kiosk.items() == {"points": 1}  # the withdrawal applied; erin's item waits for the root
    assert status.read(kiosk.cache, now=clock.now()).refusals["by-erin"]["reason"] == "approval"
    store.sign_root(tmp_path / ROOT_KEY)
    kiosk.sync()
    assert kiosk.items() == {"points": 1, "by-erin": 1}
    assert "by-erin" not in status.read(kiosk.cache, now=clock.now()).refusals


def test_a_new_publisher_counts_once_the_root_says_so(rig, clock, tmp_path):
    store, _proxy, kiosk = rig
    store.add_user("fay", "admin")
    publish(store, tmp_path, "新发布人发布的条目", "by-fay", admin="fay")
    kiosk.sync()
    assert "by-fay" not in kiosk.items()
    assert status.read(kiosk.cache, now=clock.now()).refusals["by-fay"]["reason"] == "publication"
    store.sign_root(tmp_path / ROOT_KEY)
    kiosk.sync()
    assert "by-fay" in kiosk.items()


def test_a_retired_approver_s_earlier_approvals_stay(rig, clock, tmp_path):
    store, _proxy, kiosk = rig
    store.retire_user("bob")
    store.sign_root(tmp_path / ROOT_KEY)
    kiosk.sync()
    assert kiosk.items() == {"points": 1, "guide": 1}
    assert kiosk.syncer._updater(clock.now()).policy.approvers["bob"].until == clock.now()


def test_a_key_removed_from_the_root_takes_its_items_off_the_screens(rig, clock, tmp_path):
    store, _proxy, kiosk = rig
    publish(store, tmp_path, "卡罗尔批准的条目", "by-carol", approver="carol")
    kiosk.sync()
    assert "by-carol" in kiosk.items()
    with store.db.write() as session:  # carol's key was stolen: the office removes it outright
        from kiosk.store.models import User

        session.query(User).filter(User.name == "carol").update({"public_key": None})
    store.sign_root(tmp_path / ROOT_KEY)
    kiosk.sync()
    assert kiosk.items() == {"points": 1, "guide": 1}


def test_rotating_the_store_key_and_the_root_key(rig, clock, tmp_path):
    store, proxy, kiosk = rig
    store.rotate_store_key(tmp_path / ROOT_KEY)
    store.withdraw("guide", "dan")
    kiosk.sync()
    assert kiosk.items() == {"points": 1}
    store.sign_root(tmp_path / ROOT_KEY, new_root_key_file=tmp_path / "offline" / "root-2.key")
    publish(store, tmp_path, "新根密钥之后", "after-root")
    kiosk.sync()
    assert kiosk.items() == {"points": 1, "after-root": 1}
    with pytest.raises(Exception, match="not this store's root key"):
        store.sign_root(tmp_path / ROOT_KEY)  # the old root key signs nothing any more
    store.sign_root(tmp_path / "offline" / "root-2.key")
    with kiosk_at(tmp_path / "old-pin", proxy.url, store, clock) as late:
        late.sync()  # a kiosk enrolled now pins the newest root
        assert late.items() == kiosk.items()


def test_a_key_past_its_own_expiry_signs_nothing_a_kiosk_accepts_and_what_it_signed_before_stays(rig, clock, tmp_path):
    store, _proxy, kiosk = rig
    store.retire_user("dan", at=clock.now() + timedelta(days=1))  # the publisher's key expires tomorrow
    store.sign_root(tmp_path / ROOT_KEY)
    clock.advance(timedelta(hours=1))
    publish(store, tmp_path, "到期之前发布", "before")
    kiosk.sync()
    assert kiosk.items() == {"points": 1, "guide": 1, "before": 1}
    clock.advance(timedelta(days=2))  # expired; no root signed since: the date in the root is enough
    with pytest.raises(WorkflowError, match="may no longer sign"):
        store.withdraw("guide", "dan")
    # Whoever holds dan's key file signs anyway, dated now, and gets it into the feed.
    dan = signing.load_private(keys.approver_key_path(store.keys_dir, "dan"))
    bob = signing.load_private(keys.approver_key_path(store.keys_dir, "bob"))
    now = clock.now().isoformat()
    with store.db.read() as session:
        points = json.loads(session.get(Document, session.get(Publication, ("points", 1)).sha256).data)
    fields = dict(points["item"], id="late", title="到期之后签的条目", published_at=now, revised_at=None)
    approved = feed.approval_bytes(fields)
    signed = statements.publication_bytes("late", 1, approved, now, None, now)
    document = statements.item_document(
        item_from_dict(fields),
        {"approver": "bob", "key": signing.public_text(bob), "signature": signing.sign(bob, approved)},
        {"publisher": "dan", "key": signing.public_text(dan), "signed_at": now, "signature": signing.sign(dan, signed)},
    )
    withdrawal = statements.withdrawal_document(
        "before",
        1,
        now,
        "dan",
        signing.public_text(dan),
        signing.sign(dan, statements.withdrawal_bytes("before", 1, now)),
    )
    with store.db.write() as session:
        for data, item_id in ((document, "late"), (withdrawal, "before")):
            session.add(Document(sha256=feed.sha256_hex(data), item_id=item_id, revision=1, data=data, served_since=1))
        session.add(Publication(item_id="late", revision=1, sha256=feed.sha256_hex(document), length=len(document)))
        session.add(FeedEntry(item_id="late", revision=1, sha256=feed.sha256_hex(document)))
        session.add(
            Withdrawal(item_id="before", revision=1, sha256=feed.sha256_hex(withdrawal), length=len(withdrawal))
        )
        session.execute(update(FeedState).where(FeedState.id == 1).values(version=FeedState.version + 1))
    kiosk.sync()
    assert kiosk.items() == {"points": 1, "guide": 1, "before": 1}  # signed before the expiry: they stay
    refused = status.read(kiosk.cache, now=clock.now()).refusals
    assert refused["late"]["reason"] == "publication" and refused["before"]["reason"] == "withdrawal"


def test_a_retired_publisher_s_earlier_publications_stay(rig, clock, tmp_path):
    store, _proxy, kiosk = rig
    store.retire_user("dan")
    store.sign_root(tmp_path / ROOT_KEY)
    clock.advance(timedelta(minutes=1))
    kiosk.sync()
    assert kiosk.items() == {"points": 1, "guide": 1}
    assert kiosk.syncer._updater(clock.now()).policy.publishers["dan"].until is not None
