"""Which kiosks already show an item's latest change (publishers' page), and sending a revision back."""

from __future__ import annotations

import pytest
from store_support import item_file, publish

from kiosk.store import staff, workflow
from kiosk.store.console.publish import rollout
from kiosk.store.models import Device, Revision


def test_kiosks_that_hold_the_version_of_the_items_change_show_it(people_store, tmp_path):
    store = people_store
    for name in ("lobby-1", "lobby-2", "lobby-3"):
        store.enroll(name)
    publish(store, item_file(tmp_path, "a", "第一条", id="first"), approver="bob")
    before = store.refresh()
    publish(store, item_file(tmp_path, "b", "第二条", id="second"), approver="bob")
    after = store.refresh()
    assert after > before
    with store.db.write() as s:
        devices = {d.name: d for d in s.query(Device)}
        devices["lobby-1"].feed_version = after
        devices["lobby-2"].feed_version = before  # has "first", not yet "second"
    with store.db.read() as s:
        second, first = rollout(s, "second"), rollout(s, "first")
    assert [d["shows"] for d in second["devices"]] == [True, False, False]
    assert (second["count"], second["changed_in"]) == (1, after)
    assert (first["count"], first["in_feed"] is not None) == (2, True)


def test_a_submitted_revision_goes_back_to_its_author_with_the_reason(people_store, tmp_path):
    store = people_store
    item_id = store.add_item(item_file(tmp_path, "a", "待退回", id="back"), "alice")
    store.submit(item_id, "alice")
    with store.db.write() as s:
        with pytest.raises(workflow.WorkflowError, match="only an approver"):
            workflow.reject(s, item_id, staff.user(s, "dan"), "不行", store.clock.now())
        with pytest.raises(workflow.WorkflowError, match="say why"):
            workflow.reject(s, item_id, staff.user(s, "bob"), "  ", store.clock.now())
        workflow.reject(s, item_id, staff.user(s, "bob"), "文号 写错了", store.clock.now())
        revision = s.query(Revision).filter_by(item_id=item_id).one()
        assert (revision.state, revision.rejection) == ("draft", "文号 写错了")
    own = store.add_item(item_file(tmp_path, "o", "自己写的", id="own"), "bob")
    store.submit(own, "bob")
    with store.db.write() as s, pytest.raises(workflow.WorkflowError, match="another approver must judge"):
        workflow.reject(s, own, staff.user(s, "bob"), "理由", store.clock.now())
    store.submit(item_id, "alice")  # the author may submit the draft again
