"""Enrolling and revoking kiosks from the console (administrators only): the configuration with
its token shown once, the token working until revoked, each action in the audit log with the
browser's address. The store runs in this process (real HTTP on loopback)."""

from __future__ import annotations

import json
import tomllib

from console_support import csrf_of, http_sign_in
from support import NOW
from v2_support import RunningStore

from kiosk.clock import FakeClock
from kiosk.store import devices
from kiosk.store.models import AuditEntry
from kiosk.store.service import open_store


def test_an_admin_enrolls_and_revokes_a_kiosk_and_both_are_audited(tmp_path):
    store = open_store(tmp_path / "data", None, tmp_path / "keys", clock=FakeClock(NOW))
    store.init()
    store.add_user("root", "admin", password="root-password-1")
    store.add_user("alice", "author", password="alice-password-1", by="root")
    try:
        with RunningStore(store) as running:
            base = running.url
            author, _ = http_sign_in(base, "alice", "alice-password-1")
            fleet = author.get(f"{base}/admin/fleet").text
            assert 'id="enroll-form"' not in fleet  # not offered to an author ...
            refused = author.post(f"{base}/admin/fleet/enroll", data={"name": "x", "csrf_token": csrf_of(fleet)})
            assert refused.status_code == 403  # ... nor allowed

            admin, _ = http_sign_in(base, "root", "root-password-1")
            fleet = admin.get(f"{base}/admin/fleet").text
            shown = admin.post(
                f"{base}/admin/fleet/enroll",
                data={"name": "lobby-2", "url": "https://store.example.org", "csrf_token": csrf_of(fleet)},
            )
            assert shown.status_code == 200 and shown.headers["Cache-Control"] == "no-store"
            table_text = shown.text.split('<pre id="store-table" tabindex="0">')[1].split("</pre>")[0]
            table = tomllib.loads(table_text.replace("&#34;", '"').replace("&quot;", '"'))["store"]
            assert table["url"] == "https://store.example.org"
            with store.db.read() as session:
                assert devices.authenticate(session, table["device_token"]).name == "lobby-2"
            again = admin.post(f"{base}/admin/fleet/enroll", data={"name": "lobby-2", "csrf_token": csrf_of(fleet)})
            assert again.status_code == 409 and "already enrolled" in again.text
            bad = admin.post(f"{base}/admin/fleet/enroll", data={"name": "Lobby 2", "csrf_token": csrf_of(fleet)})
            assert bad.status_code == 409 and "invalid device name" in bad.text

            fleet = admin.get(f"{base}/admin/fleet").text
            assert 'id="revoke-lobby-2"' in fleet
            unconfirmed = admin.post(f"{base}/admin/fleet/lobby-2/revoke", data={"csrf_token": csrf_of(fleet)})
            assert unconfirmed.status_code == 400
            done = admin.post(
                f"{base}/admin/fleet/lobby-2/revoke",
                data={"csrf_token": csrf_of(fleet), "confirm": "yes"},
                allow_redirects=False,
            )
            assert done.status_code == 303
            with store.db.read() as session:
                assert devices.authenticate(session, table["device_token"]) is None
                entries = [
                    e for e in session.query(AuditEntry).order_by(AuditEntry.seq) if e.action.startswith("device.")
                ]
            assert [(e.action, e.actor, e.target) for e in entries] == [
                ("device.enroll", "root", "lobby-2"),
                ("device.revoke", "root", "lobby-2"),
            ]
            assert all(e.origin.startswith("web:127.0.0.1") for e in entries)
            assert json.loads(entries[0].detail) == {"url": "https://store.example.org", "new_token_for_revoked": False}
            assert 'data-name="lobby-2"' not in admin.get(f"{base}/admin/fleet").text  # a revoked kiosk leaves
            # The audit log's page and its export read the same search (one shared dependency).
            exported = admin.get(f"{base}/admin/audit.csv", params={"action": "device.revoke"}).text
            assert "device.revoke" in exported and "device.enroll" not in exported
            listed = admin.get(f"{base}/admin/audit", params={"action": "device.enroll"}).text
            assert "device.enroll" in listed and "device.revoke" not in listed
            for path in ("/admin/audit", "/admin/audit.csv"):
                assert admin.get(base + path, params={"since": "2026-13-01"}).status_code == 400
    finally:
        store.db.close()
