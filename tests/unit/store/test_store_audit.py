"""The audit log: every workflow and account action leaves an entry, inside the action's own
transaction; the chain shows a changed, deleted or cut-off entry, and ``kiosk-store audit
verify`` says so with status 1."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select, update
from store_support import PASSWORD_ENV, TEST_PASSWORD

from kiosk.store import audit
from kiosk.store.cli import main
from kiosk.store.models import AuditEntry


def actions(store) -> list[tuple[str, str, str]]:
    with store.db.read() as session:
        return [(e.actor, e.action, e.target) for e in session.scalars(select(AuditEntry).order_by(AuditEntry.seq))]


def verdict(store) -> audit.Verdict:
    with store.db.read() as session:
        return audit.verify(session)


def test_the_workflow_audits_itself(store, files):
    with audit.origin("cli:tester@host"):
        item_id = store.add_item(files.write("公告"), "alice")
        store.submit(item_id, "alice")
        store.approve(item_id, "bob")
        store.publish(item_id, "dan")
        store.withdraw(item_id, "dan")
    done = actions(store)
    assert done[-5:] == [
        ("alice", "item.add", item_id),
        ("alice", "item.submit", item_id),
        ("bob", "item.approve", item_id),
        ("dan", "item.publish", item_id),
        ("dan", "item.withdraw", item_id),
    ]
    assert [a for _, a, t in done[:4]] == ["account.create"] * 4  # the fixture's accounts
    with store.db.read() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert last.origin == "cli:tester@host" and '"revision": 1' in last.detail
    assert verdict(store).intact and verdict(store).entries == 9


def test_a_refused_action_leaves_no_entry(store, files):
    item_id = store.add_item(files.write(), "alice")
    before = actions(store)
    with pytest.raises(Exception, match="submit it first"):
        store.approve(item_id, "bob")
    assert actions(store) == before


@pytest.mark.parametrize("tamper", ["change", "delete", "cut-off", "reorder"])
def test_tampering_shows(store, files, tamper):
    for n in range(3):
        store.add_item(files.write(f"条目{n}"), "alice")
    assert verdict(store).intact
    with store.db.plain() as session:
        if tamper == "change":
            session.execute(update(AuditEntry).where(AuditEntry.seq == 5).values(actor="mallory"))
        elif tamper == "delete":
            session.execute(delete(AuditEntry).where(AuditEntry.seq == 5))
        elif tamper == "cut-off":
            session.execute(delete(AuditEntry).where(AuditEntry.seq == 7))
        else:  # two entries' contents swapped, hashes and all
            rows = {e.seq: e for e in session.scalars(select(AuditEntry).where(AuditEntry.seq.in_((5, 6))))}
            a, b = rows[5], rows[6]
            values = ("at", "actor", "action", "target", "origin", "detail")
            swapped = {k: getattr(b, k) for k in values}, {k: getattr(a, k) for k in values}
            for row, vals in zip((a, b), swapped, strict=True):
                for k, v in vals.items():
                    setattr(row, k, v)
    found = verdict(store)
    assert not found.intact
    expected = {
        "change": "entry 5 was changed",
        "delete": "entries 5 to 5 are missing",
        "cut-off": "recorded head is 7",
        "reorder": "entry 5 was changed",
    }[tamper]
    assert any(expected in p for p in found.problems), found.problems


def test_kiosk_store_audit_verify(store, files, capsys, monkeypatch, tmp_path):
    for name, value in PASSWORD_ENV.items():
        monkeypatch.setenv(name, value)
    argv = ["--data", str(tmp_path / "data"), "--keys", str(tmp_path / "keys")]
    store.add_item(files.write(), "alice")
    assert main([*argv, "audit", "verify"]) == 0
    assert capsys.readouterr().out.startswith("audit log intact: 5 entries; head 5 ")
    with store.db.plain() as session:
        session.execute(update(AuditEntry).where(AuditEntry.seq == 2).values(detail='{"role": "admin"}'))
    assert main([*argv, "audit", "verify"]) == 1
    assert "entry 2 was changed" in capsys.readouterr().err
    assert TEST_PASSWORD  # the environment above is what the command line reads
