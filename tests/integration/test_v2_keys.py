"""Protocol v2 key changes reach kiosks through the feed: no kiosk is edited.

Adding an approver or a publisher, retiring one, rotating the store's online key and
rotating the root key itself: each is a new root signed with the offline root key, which
kiosks enrolled earlier follow from the root they pinned. On SQLite and on PostgreSQL.
"""

from __future__ import annotations

import pytest
from store_support import database_url  # noqa: F401 (fixture)
from v2_support import clock, kiosk_at, publish, rig  # noqa: F401 (fixtures)

from kiosk.sync import status

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
