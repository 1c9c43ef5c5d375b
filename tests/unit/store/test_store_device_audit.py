"""Kiosk enrolment on the command line: ``device enroll`` and ``device revoke`` are an admin's,
need the admin's password like every other change, and each leaves an audit entry naming the
admin and where the command ran, with the chain still intact for ``kiosk-store audit verify``."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from store_support import ADMIN_PASSWORD, ALICE_PASSWORD, cli_with_people

from kiosk.store.models import AuditEntry, Device


@pytest.fixture
def run(tmp_path, capsys, monkeypatch):
    return cli_with_people(tmp_path, capsys, monkeypatch)


def _entries(tmp_path) -> list[tuple[str, str, str, str]]:
    from kiosk.store.service import open_store

    store = open_store(tmp_path / "data", None, tmp_path / "keys")
    try:
        with store.db.read() as session:
            return [
                (e.actor, e.action, e.target, e.origin)
                for e in session.scalars(select(AuditEntry).order_by(AuditEntry.seq))
            ]
    finally:
        store.db.close()


def _tokens(tmp_path) -> dict[str, str]:
    from kiosk.store.service import open_store

    store = open_store(tmp_path / "data", None, tmp_path / "keys")
    try:
        with store.db.read() as session:
            return {d.name: d.token_sha256 for d in session.scalars(select(Device))}
    finally:
        store.db.close()


def test_every_device_change_is_audited_with_the_admin(run, tmp_path):
    steps = [
        ("device", "enroll", "lobby-1", "--url", "https://store.example"),
        ("device", "revoke", "lobby-1"),
        ("device", "enroll", "lobby-1"),  # a revoked kiosk gets a new token
    ]
    before = len(_entries(tmp_path))
    tokens = []
    for step in steps:
        status, out, err = run(*step, "--as", "root", password=ADMIN_PASSWORD)
        assert status == 0, err
        assert err.startswith(f"kiosk lobby-1 {'revoked' if step[1] == 'revoke' else 'enrolled'}")
        tokens.append(_tokens(tmp_path)["lobby-1"])
    assert tokens[0] == tokens[1] != tokens[2]  # the new token really is another one
    done = _entries(tmp_path)[before:]
    # Each command's own entry follows its sign-in's; nothing else is in between.
    changes = [(actor, action, target) for actor, action, target, _ in done if action.startswith("device.")]
    assert changes == [("root", "device.enroll", "lobby-1"), ("root", "device.revoke", "lobby-1")] + [
        ("root", "device.enroll", "lobby-1")
    ]
    assert all(where.startswith("cli:") for actor, action, _, where in done if action.startswith("device."))
    status, out, _ = run("audit", "verify")
    assert status == 0 and out.startswith(f"audit log intact: {before + len(done)} entries")


def test_the_re_issue_is_told_apart_in_the_log(run, tmp_path):
    for step in (("enroll",), ("revoke",), ("enroll",)):
        assert run("device", *step, "lobby-1", "--as", "root", password=ADMIN_PASSWORD)[0] == 0
    status, out, _ = run("audit", "list", "--action-prefix", "device.enroll", "--json")
    assert status == 0
    newest_first = [json.loads(entry["detail"])["new_token_for_revoked"] for entry in json.loads(out)]
    assert newest_first == [True, False]


@pytest.mark.parametrize("action", ["enroll", "revoke"])
def test_device_changes_need_an_admin_and_their_password(run, tmp_path, action):
    if action == "revoke":
        assert run("device", "enroll", "lobby-1", "--as", "root", password=ADMIN_PASSWORD)[0] == 0
    before = _entries(tmp_path)
    tokens = _tokens(tmp_path)
    with pytest.raises(SystemExit) as usage:  # no acting person at all: the command line is wrong
        run("device", action, "lobby-1")
    assert usage.value.code == 2
    status, out, err = run("device", action, "lobby-1", "--as", "root")
    assert status == 1 and "$KIOSK_STORE_PASSWORD" in err and out == ""
    status, out, err = run("device", action, "lobby-1", "--as", "root", password="wrong-password")
    assert status == 1 and err == "kiosk-store: root: wrong name or password\n"
    status, out, err = run("device", action, "lobby-1", "--as", "alice", password=ALICE_PASSWORD)
    assert status == 1 and err == "kiosk-store: alice is an author: only an admin may enroll or revoke kiosks\n"
    assert out == ""  # no token was printed
    assert _tokens(tmp_path) == tokens
    after = _entries(tmp_path)[len(before) :]
    assert not [a for a in after if a[1].startswith("device.")]
    assert run("audit", "verify")[0] == 0
