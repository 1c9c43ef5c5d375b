"""Protocol v2 end to end: a kiosk pins the root, syncs, follows publications and withdrawals."""

from __future__ import annotations

from datetime import timedelta

import pytest
from support import NOW
from v2_support import ByteCounter, RunningStore, kiosk_at, make_store, publish

from kiosk.clock import FakeClock


@pytest.fixture
def clock():
    return FakeClock(NOW)


def test_a_kiosk_syncs_publications_and_withdrawals(tmp_path, clock):
    store = make_store(tmp_path, clock)
    publish(store, tmp_path, "年度工作要点", "points")
    publish(store, tmp_path, "办事指南", "guide")
    with RunningStore(store) as running, kiosk_at(tmp_path / "k1", running.url, store, clock) as kiosk:
        first = kiosk.sync()
        assert first.kind == "snapshot"
        assert first.change.added == {"points", "guide"}
        assert kiosk.items() == {"points": 1, "guide": 1}
        assert kiosk.sync().kind == "none"
        store.withdraw("guide", "dan")
        publish(store, tmp_path, "年度工作要点（修订）", "points")
        second = kiosk.sync()
        assert second.kind == "delta"
        # The screens re-read what the batch says it touched: the withdrawal must be in it.
        assert second.change.removed == {"guide"} and second.change.revised == {"points"}
        assert not second.change.everything
        assert kiosk.items() == {"points": 2}
        assert kiosk.item("points").title == "年度工作要点（修订）"
        assert kiosk.syncer.ledger.withdrawn("guide") == 1
    store.db.close()


def test_an_item_leaving_its_window_is_removed_without_any_withdrawal(tmp_path, clock):
    store = make_store(tmp_path, clock)
    publish(store, tmp_path, "限期公示", "notice", expires_at=(clock.now() + timedelta(hours=1)).isoformat())
    publish(store, tmp_path, "办事指南", "guide")
    with RunningStore(store) as running, kiosk_at(tmp_path / "k1", running.url, store, clock) as kiosk:
        kiosk.sync()
        assert kiosk.items() == {"notice": 1, "guide": 1}
        clock.advance(timedelta(hours=2))
        result = kiosk.sync()
        assert kiosk.items() == {"guide": 1} and result.removed == 1
        assert kiosk.syncer.ledger.withdrawn("notice") == 0
    store.db.close()


def test_a_poll_with_nothing_new_is_one_small_request_and_a_new_root_is_still_found(tmp_path, clock):
    """Bytes on the socket, both ways, through a counting TCP relay between kiosk and store."""
    store = make_store(tmp_path, clock)
    publish(store, tmp_path, "年度工作要点", "points")
    with (
        RunningStore(store) as running,
        ByteCounter(running.url) as wire,
        kiosk_at(tmp_path / "k1", wire.url, store, clock) as kiosk,
    ):
        kiosk.sync()
        wire.reset()
        assert kiosk.sync().kind == "none"
        assert [r.split()[1] for r in wire.requests()] == [b"/v2/metadata/timestamp.json"]
        assert wire.statuses() == [b"HTTP/1.1 304 Not Modified"]
        assert wire.sent + wire.received <= 1024, (wire.sent, wire.received)
        # Past half its lifetime the store signs a new timestamp: still one request, still small.
        clock.advance(timedelta(hours=4))
        wire.reset()
        assert kiosk.sync().kind == "none"
        assert len(wire.requests()) == 1 and wire.statuses() == [b"HTTP/1.1 200 OK"]
        assert wire.sent + wire.received <= 1024, (wire.sent, wire.received)
        # The root probe it spares is not lost: a new root (a new approver) reaches the kiosk.
        store.add_user("erin", "approver")
        publish(store, tmp_path, "新审核人批准的条目", "by-erin", approver="erin")
        store.sign_root(tmp_path / "offline" / "root.key")
        kiosk.sync()
        assert kiosk.items() == {"points": 1, "by-erin": 1}
    store.db.close()
