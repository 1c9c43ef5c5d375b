"""The publication workflow: roles, states, two-person approval, revisions, withdrawal."""

from __future__ import annotations

import json
import os
import stat
from datetime import timedelta

import pytest
from sqlalchemy import select
from store_support import publish

from kiosk import feed, signing
from kiosk.store import keys
from kiosk.store.models import Document, FeedEntry
from kiosk.store.workflow import WorkflowError


def feed_entries(store) -> dict[str, tuple[int, str]]:
    with store.db.read() as session:
        return {e.item_id: (e.revision, e.sha256) for e in session.scalars(select(FeedEntry))}


def document(store, sha: str) -> bytes:
    with store.db.read() as session:
        return session.get(Document, sha).data


def listing(store, item_id: str) -> dict:
    return next(i for i in store.items() if i["id"] == item_id)


def test_whole_flow_puts_a_verifiable_document_in_the_feed(store, files):
    item_id = publish(store, files.write(title="年度重点工作"))
    ((revision, sha),) = feed_entries(store).values()
    approver_keys = {u["public_key"] for u in store.users() if u["role"] == "approver"}
    item = feed.open_item_document(document(store, sha), sha, approver_keys)
    assert (item.id, item.revision, item.title) == (item_id, 1, "年度重点工作")
    assert item.published_at == store.clock.now() and item.revised_at is None
    assert listing(store, item_id)["state"] == "published" and listing(store, item_id)["in_feed"]


def test_the_approver_must_not_be_the_author(store, files):
    item_id = store.add_item(files.write(), "bob")  # approvers may write too
    store.submit(item_id, "bob")
    with pytest.raises(WorkflowError, match="bob wrote revision 1.*another approver"):
        store.approve(item_id, "bob")
    store.approve(item_id, "carol")
    assert listing(store, item_id)["approver"] == "carol"


@pytest.mark.parametrize(
    ("action", "actor", "message"),
    [
        ("approve", "alice", "alice is an author: only an approver may approve"),
        ("approve", "dan", "dan is an admin: only an approver may approve"),
        ("publish", "alice", "only an admin may publish"),
        ("publish", "bob", "only an admin may publish"),
        ("withdraw", "carol", "only an admin may withdraw"),
    ],
)
def test_roles(store, files, action, actor, message):
    item_id = store.add_item(files.write(), "alice")
    store.submit(item_id, "alice")
    if action != "approve":
        store.approve(item_id, "bob")
    if action == "withdraw":
        store.publish(item_id, "dan")
    with pytest.raises(WorkflowError, match=message):
        getattr(store, action)(item_id, actor)


def test_unknown_account_and_item(store, files):
    with pytest.raises(WorkflowError, match="no account named 'zoe'"):
        store.add_item(files.write(), "zoe")
    with pytest.raises(WorkflowError, match="no item 'nope'"):
        store.submit("nope", "alice")


def test_states_must_be_taken_in_order(store, files):
    item_id = store.add_item(files.write(), "alice")
    with pytest.raises(WorkflowError, match="revision 1 is draft, not submitted"):
        store.approve(item_id, "bob")
    with pytest.raises(WorkflowError, match="revision 1 is draft, not approved"):
        store.publish(item_id, "dan")
    with pytest.raises(WorkflowError, match="not published, so there is nothing to withdraw"):
        store.withdraw(item_id, "dan")
    store.submit(item_id, "alice")
    with pytest.raises(WorkflowError, match="revision 1 is submitted, not draft"):
        store.submit(item_id, "alice")
    with pytest.raises(WorkflowError, match="is submitted, not approved"):
        store.publish(item_id, "dan")


def test_an_edit_after_approval_needs_approval_again(store, files):
    item_id = store.add_item(files.write(title="第一稿"), "alice")
    store.submit(item_id, "alice")
    store.approve(item_id, "bob")
    assert store.edit_item(item_id, files.write(title="第二稿"), "alice") == 2
    with pytest.raises(WorkflowError, match="revision 2 is draft, not approved"):
        store.publish(item_id, "dan")
    store.submit(item_id, "alice")
    store.approve(item_id, "bob")
    store.publish(item_id, "dan")
    ((revision, sha),) = feed_entries(store).values()
    assert revision == 2
    assert json.loads(document(store, sha))["item"]["title"] == "第二稿"


def test_the_published_revision_stays_until_the_new_one_is_published(store, files, clock):
    item_id = publish(store, files.write(title="原文"))
    first_published = clock.now()
    before = feed_entries(store)
    clock.advance(timedelta(days=2))
    store.edit_item(item_id, files.write(title="修订"), "alice")
    store.submit(item_id, "alice")
    store.approve(item_id, "carol")
    assert feed_entries(store) == before  # still revision 1 on screens
    assert listing(store, item_id)["published_revision"] == 1
    store.publish(item_id, "dan")
    ((revision, sha),) = feed_entries(store).values()
    item = feed.open_item_document(
        document(store, sha), sha, {u["public_key"] for u in store.users() if u["public_key"]}
    )
    assert (revision, item.title) == (2, "修订")
    # A re-disclosed item keeps its first publication date and says when it was revised.
    assert item.published_at == first_published and item.revised_at == clock.now() and item.is_revised


def test_withdrawal_removes_and_a_new_revision_can_return(store, files):
    item_id = publish(store, files.write())
    store.withdraw(item_id, "dan")
    assert feed_entries(store) == {}
    assert listing(store, item_id)["state"] == "withdrawn"
    with pytest.raises(WorkflowError, match="nothing to withdraw"):
        store.withdraw(item_id, "dan")
    store.edit_item(item_id, files.write(title="更正后重新公开"), "alice")
    store.submit(item_id, "alice")
    store.approve(item_id, "bob")
    store.publish(item_id, "dan")
    assert feed_entries(store)[item_id][0] == 2


def test_a_newer_edit_supersedes_a_waiting_revision(store, files):
    item_id = store.add_item(files.write(), "alice")
    store.submit(item_id, "alice")
    store.edit_item(item_id, files.write(), "alice")
    with pytest.raises(WorkflowError, match="revision 2 is draft"):
        store.approve(item_id, "bob")


def test_internal_items_are_published_but_never_in_the_feed(store, files):
    item_id = publish(store, files.write(audience="internal"))
    assert listing(store, item_id)["state"] == "published"
    assert feed_entries(store) == {}


def test_item_ids(store, files):
    assert store.add_item(files.write(id="named-item"), "alice") == "named-item"
    generated = store.add_item(files.write(), "alice")
    assert generated.startswith("item-") and generated != "named-item"
    with pytest.raises(WorkflowError, match="item named-item already exists"):
        store.add_item(files.write(id="named-item"), "alice")
    with pytest.raises(WorkflowError, match="does not match item named-item"):
        store.edit_item("named-item", files.write(id="other"), "alice")


def test_attachments_are_stored_by_hash(store, files):
    (files.folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"x" * 100)
    item_id = publish(store, files.write(attachments=["photo.png"]))
    ((_, sha),) = feed_entries(store).values()
    item = json.loads(document(store, sha))["item"]
    assert item["id"] == item_id
    assert item["attachments"][0]["sha256"] == feed.sha256_hex(b"\x89PNG\r\n\x1a\n" + b"x" * 100)


def test_approval_needs_the_approvers_own_key(store, files, tmp_path):
    item_id = store.add_item(files.write(), "alice")
    store.submit(item_id, "alice")
    key_file = keys.approver_key_path(tmp_path / "keys", "bob")
    key_file.unlink()
    signing.save_private(signing.generate(), key_file)  # someone else's key under bob's name
    with pytest.raises(WorkflowError, match="not bob's approval key"):
        store.approve(item_id, "bob")
    key_file.unlink()
    with pytest.raises(signing.SigningError, match="no such key file"):
        store.approve(item_id, "bob")


def test_private_keys_are_owner_only_and_the_store_keeps_only_public_halves(store, tmp_path):
    store_key = keys.store_key_path(tmp_path / "data")
    approver_key = keys.approver_key_path(tmp_path / "keys", "bob")
    for path in (store_key, approver_key):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE((tmp_path / "keys").stat().st_mode) == 0o700
    assert not (tmp_path / "data" / "bob.key").exists()
    bob = next(u for u in store.users() if u["name"] == "bob")
    assert bob["public_key"] == signing.public_text(signing.load_private(approver_key))
    with open(store.db.url.removeprefix("sqlite:///"), "rb") as f:
        database = f.read()
    assert b"PRIVATE KEY" not in database


def test_an_existing_key_file_is_never_overwritten(store, tmp_path):
    (tmp_path / "keys" / "erin.key").write_text("precious")
    os.chmod(tmp_path / "keys" / "erin.key", 0o600)
    with pytest.raises(signing.SigningError, match="already exists"):
        store.add_user("erin", "approver")
    assert (tmp_path / "keys" / "erin.key").read_text() == "precious"
    assert "erin" not in {u["name"] for u in store.users()}


def test_account_rules(store):
    with pytest.raises(WorkflowError, match="already exists"):
        store.add_user("alice", "author")
    with pytest.raises(WorkflowError, match="unknown role"):
        store.add_user("zed", "boss")
    with pytest.raises(WorkflowError, match="invalid account name"):
        store.add_user("../evil", "approver")


def test_an_urgent_item_must_say_when_it_ends(store, files):
    with pytest.raises(WorkflowError, match="urgent item needs expires_at"):
        store.add_item(files.write(title="紧急通知", priority="urgent"), "alice")
    item_id = store.add_item(files.write(title="普通通知"), "alice")
    with pytest.raises(WorkflowError, match="urgent item needs expires_at"):
        store.edit_item(item_id, files.write(title="紧急通知", priority="urgent"), "alice")
    store.edit_item(
        item_id, files.write(title="紧急通知", priority="urgent", expires_at="2036-12-31T00:00:00+08:00"), "alice"
    )
    assert listing(store, item_id)["title"] == "紧急通知"
