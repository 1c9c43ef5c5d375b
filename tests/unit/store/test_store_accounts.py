"""Accounts on the command line: ``--as NAME`` needs NAME's password; account changes are an
admin's; an author can no longer make an approver account and approve their own item; a
disabled account can do nothing; passwords are stored as Argon2id hashes."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from store_support import ADMIN_PASSWORD, ALICE_PASSWORD, cli_with_people, item_file

from kiosk.store.models import User


@pytest.fixture
def run(tmp_path, capsys, monkeypatch):
    return cli_with_people(tmp_path, capsys, monkeypatch)


def test_an_author_cannot_make_an_approver_and_approve_their_own_item(run, tmp_path):
    status, _, err = run(
        "user", "add", "alice2", "--role", "approver", "--as", "alice", password=ALICE_PASSWORD, new="sock-puppet-1"
    )
    assert status == 1 and "only an admin may change accounts" in err
    status, _, err = run("user", "add", "alice2", "--role", "approver", new="sock-puppet-1")
    assert status == 1 and "only an admin may add accounts" in err  # no first-admin shortcut any more
    status, item_id, _ = run(
        "item", "add", str(item_file(tmp_path, "mine", "我的")), "--as", "alice", password=ALICE_PASSWORD
    )
    assert status == 0
    status, _, err = run("item", "approve", item_id.strip(), "--as", "root", password="guess-guess-1")
    assert status == 1 and err == "kiosk-store: root: wrong name or password\n"


def test_acting_needs_the_password(run, tmp_path):
    path = str(item_file(tmp_path, "n", "通知"))
    status, out, err = run("item", "add", path, "--as", "alice")  # no terminal, no variable
    assert status == 1 and out == "" and "$KIOSK_STORE_PASSWORD" in err
    status, _, err = run("item", "add", path, "--as", "alice", password="wrong-password")
    assert status == 1 and "wrong name or password" in err
    status, out, err = run("item", "add", path, "--as", "alice", password=ALICE_PASSWORD)
    assert status == 0 and err == f"item {out.strip()}: revision 1 added as a draft\n"


def test_repeated_wrong_passwords_lock_the_account(run, tmp_path):
    path = str(item_file(tmp_path, "n", "通知"))
    for _ in range(5):  # the default policy: five failures
        assert run("item", "add", path, "--as", "alice", password="wrong-password")[0] == 1
    status, _, err = run("item", "add", path, "--as", "alice", password=ALICE_PASSWORD)
    assert status == 1 and "too many failed sign-ins" in err


def test_admin_account_changes(run, tmp_path):
    admin = {"password": ADMIN_PASSWORD}
    assert run("user", "disable", "alice", "--as", "root", **admin)[0] == 0
    status, _, err = run("item", "add", str(item_file(tmp_path, "n", "通知")), "--as", "alice", password=ALICE_PASSWORD)
    assert status == 1 and "wrong name or password" in err  # a disabled account cannot sign in
    assert run("user", "enable", "alice", "--as", "root", **admin)[0] == 0
    assert run("user", "password", "alice", "--as", "root", **admin, new="fresh-password-2")[0] == 0
    assert run("item", "list", "--json")[0] == 0
    status, _, _ = run(
        "item", "add", str(item_file(tmp_path, "m", "通知")), "--as", "alice", password="fresh-password-2"
    )
    assert status == 0
    status, _, err = run("user", "role", "alice", "approver", "--as", "root", **admin)
    assert status == 1 and "has no signing key" in err
    status, _, err = run("user", "disable", "root", "--as", "root", **admin)
    assert status == 1 and "may not disable their own account" in err
    status, _, err = run("user", "add", "bob", "--role", "author", "--as", "root", **admin, new="short")
    assert status == 1 and "10 to 256 characters" in err
    status, out, _ = run("audit", "list", "--json")
    assert '"account.disable"' in out and '"account.enable"' in out and '"account.password"' in out


def test_passwords_are_stored_as_argon2id(run, tmp_path):
    from kiosk.store.service import open_store

    store = open_store(tmp_path / "data", None, tmp_path / "keys")
    try:
        with store.db.read() as session:
            stored = session.scalar(select(User.password_hash).where(User.name == "alice"))
    finally:
        store.db.close()
    assert stored.startswith("$argon2id$") and ALICE_PASSWORD not in stored
