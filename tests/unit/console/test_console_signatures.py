"""Signing in the browser, the server's side: the bytes it asks for are the bytes kiosks verify,
and nothing is stored that the person's own key did not sign at the time the server proposed.

The browser's WebCrypto is stood in for by the person's key file, signed with ``cryptography``
(the browser suite signs with real WebCrypto in Chromium)."""

from __future__ import annotations

import base64
from datetime import timedelta

import pytest
from store_support import item_file

from kiosk import signing
from kiosk.store import keys, staff, workflow
from kiosk.store.console import signatures
from kiosk.store.models import Document, Publication, Withdrawal
from kiosk.trust import policy as trust_policy
from kiosk.trust import statements


def _sign_as(store, name, statement):
    key = signing.load_private(keys.approver_key_path(store.keys_dir, name))
    return signing.sign(key, base64.b64decode(statement.data))


def _policy(store):
    with store.db.read() as session:
        users = {u.name: u for u in session.query(workflow.User)}
    person = trust_policy.Person
    return trust_policy.Policy(
        approvers={"bob": person("bob", users["bob"].public_key)},
        publishers={"dan": person("dan", users["dan"].public_key)},
    )


def _submitted(store, tmp_path):
    item_id = store.add_item(item_file(tmp_path, "a", "网上签名的条目", id="signed"), "alice")
    store.submit(item_id, "alice")
    return item_id


def test_approve_publish_withdraw_with_signatures_kiosks_accept(people_store, tmp_path):
    store = people_store
    item_id = _submitted(store, tmp_path)
    with store.db.write() as s:
        statement = signatures.approval(s, item_id, staff.user(s, "bob"))
        signatures.approve(
            s,
            item_id,
            statement.revision,
            staff.user(s, "bob"),
            _sign_as(store, "bob", statement),
            store.clock.now(),
        )
    with store.db.write() as s:
        proposed = signatures.publication(s, item_id, staff.user(s, "dan"), store.clock.now())
    store.clock.advance(timedelta(minutes=3))  # the publisher reads before signing
    with store.db.write() as s:
        signatures.publish(
            s,
            item_id,
            proposed.revision,
            staff.user(s, "dan"),
            _sign_as(store, "dan", proposed),
            proposed.signed_at,
            store.clock.now(),
        )
        document = s.get(Document, s.get(Publication, (item_id, 1)).sha256).data
    item = statements.open_item_document(document, _policy(store))
    assert (item.id, item.published_at.isoformat()) == (item_id, proposed.signed_at)
    with store.db.write() as s:
        proposed = signatures.withdrawal(s, item_id, staff.user(s, "dan"), store.clock.now())
        signatures.withdraw(
            s,
            item_id,
            proposed.revision,
            staff.user(s, "dan"),
            _sign_as(store, "dan", proposed),
            proposed.signed_at,
            store.clock.now(),
        )
        withdrawal = s.get(Document, s.get(Withdrawal, item_id).sha256).data
    assert statements.open_withdrawal(withdrawal, _policy(store)).revision == 1
    # Published again after an edit: the statement carries the first date and the revision date.
    store.edit_item(item_id, item_file(tmp_path, "b", "网上签名的条目（修订）"), "alice")
    store.submit(item_id, "alice")
    store.clock.advance(timedelta(days=1))
    with store.db.write() as s:
        bob = staff.user(s, "bob")
        statement = signatures.approval(s, item_id, bob)
        signatures.approve(s, item_id, 2, bob, _sign_as(store, "bob", statement), store.clock.now())
        proposed = signatures.publication(s, item_id, staff.user(s, "dan"), store.clock.now())
        signatures.publish(
            s,
            item_id,
            2,
            staff.user(s, "dan"),
            _sign_as(store, "dan", proposed),
            proposed.signed_at,
            store.clock.now(),
        )
        document = s.get(Document, s.get(Publication, (item_id, 2)).sha256).data
    revised = statements.open_item_document(document, _policy(store))
    assert (revised.published_at, revised.revised_at.isoformat()) == (item.published_at, proposed.signed_at)


def test_the_server_refuses_what_the_persons_key_did_not_sign_then(people_store, tmp_path):
    store = people_store
    item_id = _submitted(store, tmp_path)
    own = store.add_item(item_file(tmp_path, "own", "审核人自己写的", id="own"), "bob")
    store.submit(own, "bob")
    with store.db.write() as s:
        with pytest.raises(signatures.SignatureRefused, match="another approver must approve"):
            signatures.approval(s, own, staff.user(s, "bob"))
        with pytest.raises(signatures.SignatureRefused, match="only an approver"):
            signatures.approval(s, item_id, staff.user(s, "alice"))
        statement = signatures.approval(s, item_id, staff.user(s, "bob"))
        # Another approver's key, or another item's bytes: refused, nothing stored.
        with pytest.raises(workflow.WorkflowError, match="not bob's approval key"):
            signatures.approve(
                s, item_id, 1, staff.user(s, "bob"), _sign_as(store, "eve", statement), store.clock.now()
            )
        forged = signatures.Statement("approve", item_id, 1, base64.b64encode(b"{}").decode())
        with pytest.raises(workflow.WorkflowError):
            signatures.approve(s, item_id, 1, staff.user(s, "bob"), _sign_as(store, "bob", forged), store.clock.now())
        with pytest.raises(signatures.SignatureRefused, match="changed while you signed"):
            signatures.approve(
                s, item_id, 2, staff.user(s, "bob"), _sign_as(store, "bob", statement), store.clock.now()
            )
        signatures.approve(s, item_id, 1, staff.user(s, "bob"), _sign_as(store, "bob", statement), store.clock.now())
        proposed = signatures.publication(s, item_id, staff.user(s, "dan"), store.clock.now())
    good = _sign_as(store, "dan", proposed)
    # The time it was proposed for, and no other: a signature held back is refused.
    later = (store.clock.now() + timedelta(seconds=1)).isoformat()
    for signed_at, message in (
        (later, "not dan's publication key"),
        ("yesterday", "not a time"),
        ("2026-12-01T08:00:00", "no offset"),
    ):
        with store.db.write() as s, pytest.raises((signatures.SignatureRefused, workflow.WorkflowError), match=message):
            signatures.publish(s, item_id, 1, staff.user(s, "dan"), good, signed_at, store.clock.now())
    store.clock.advance(signatures.SIGNING_WINDOW + timedelta(seconds=1))
    with store.db.write() as s, pytest.raises(signatures.SignatureRefused, match="too long ago"):
        signatures.publish(s, item_id, 1, staff.user(s, "dan"), good, proposed.signed_at, store.clock.now())
    with store.db.read() as s:
        assert s.get(Publication, (item_id, 1)) is None


def test_a_key_made_in_the_browser_is_pending_until_the_root_lists_it(people_store, tmp_path):
    store = people_store
    store.init_root(tmp_path / "root.key")
    store.add_user("fay", "approver")  # gets a key file; take it away as if made before keys
    with store.db.write() as s:
        fay = staff.user(s, "fay")
        fay.public_key = None
    browser_key = signing.generate()
    public = signing.public_text(browser_key)
    proof = signing.sign(browser_key, signatures.registration_bytes("fay", public))
    with store.db.write() as s:
        fay = staff.user(s, "fay")
        assert signatures.key_status(s, fay) == "none"
        with pytest.raises(signatures.SignatureRefused, match="proof does not verify"):
            signatures.register_key(
                s, fay, public, signing.sign(browser_key, signatures.registration_bytes("bob", public))
            )
        signatures.register_key(s, fay, public, proof)
        assert signatures.key_status(s, fay) == "pending"
        with pytest.raises(signatures.SignatureRefused, match="already has a key"):
            signatures.register_key(s, fay, public, proof)
        assert signatures.key_status(s, staff.user(s, "bob")) == "trusted"
    store.sign_root(tmp_path / "root.key")
    with store.db.read() as s:
        assert signatures.key_status(s, staff.user(s, "fay")) == "trusted"
