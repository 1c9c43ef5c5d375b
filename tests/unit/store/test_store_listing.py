"""What ``item list`` and ``user list`` report: every field, in name order."""

from __future__ import annotations

from store_support import item_file, publish
from support import NOW

from kiosk.clock import FakeClock
from kiosk.store.service import open_store


def test_items_and_users_are_listed_in_name_order_with_their_fields(tmp_path):
    store = open_store(tmp_path / "data", "sqlite://", tmp_path / "keys", clock=FakeClock(NOW))
    try:
        store.init()
        for name, role in (("zoe", "author"), ("bob", "approver"), ("dan", "admin")):
            store.add_user(name, role)
        # Added out of order: the listing sorts, whatever order the database keeps.
        publish(store, item_file(tmp_path, "b", "第二条", id="b-item", audience="internal"), author="zoe")
        store.add_item(item_file(tmp_path, "a", "第一条", id="a-item"), "zoe")
        store.edit_item("b-item", item_file(tmp_path, "b2", "第二条（修订）"), "zoe")
        publish(store, item_file(tmp_path, "c", "第三条", id="c-item"), author="zoe")
        store.refresh()
        listed = store.items()
        assert [i["id"] for i in listed] == ["a-item", "b-item", "c-item"]
        a, b, c = listed
        assert (c["in_feed"], c["feed_revision"], c["approver"], c["state"]) == (True, 1, "bob", "published")
        assert (a["title"], a["state"], a["revision"], a["published_revision"], a["in_feed"]) == (
            "第一条",
            "draft",
            1,
            None,
            False,
        )
        # b: revision 2 is a draft; revision 1 is live (internal: never in the feed).
        assert (b["title"], b["state"], b["revision"], b["published_revision"], b["audience"]) == (
            "第二条（修订）",
            "draft",
            2,
            1,
            "public",
        )
        assert (b["author"], b["approver"], b["in_feed"], b["feed_revision"]) == ("zoe", None, False, None)
        assert b["first_published_at"] == NOW.isoformat()
        assert [u["name"] for u in store.users()] == ["bob", "dan", "zoe"]
    finally:
        store.db.close()
