"""Changing one's own password in the console, against a real store on loopback: any
signed-in person, a supervisor too, with the current password; a wrong one is refused
in one line and counted as a failed sign-in; the new one signs in and the old one no
longer does; the person's other sessions end, the one in use goes on; the audit log says
so without the password."""

from __future__ import annotations

import pytest
from console_support import csrf_of, http_sign_in, password
from sqlalchemy import select

from kiosk.store.models import AuditEntry

pytestmark = pytest.mark.e2e


def change(http, base: str, current: str, new: str, again: str | None = None):
    token = csrf_of(http.get(f"{base}/admin/password").text)
    form = {"csrf_token": token, "current": current, "new": new, "again": new if again is None else again}
    return http.post(f"{base}/admin/password", data=form, allow_redirects=False)


def audit_of(store, actor: str) -> list[AuditEntry]:
    api = store.api()
    try:
        with api.db.read() as session:
            return list(session.scalars(select(AuditEntry).where(AuditEntry.actor == actor)))
    finally:
        api.db.close()


@pytest.mark.parametrize("role", ["supervisor", "author"])
def test_a_person_changes_their_own_password(console_store, role):
    name = f"own-{role}"
    console_store.add_person(name, role)
    base, old, new = console_store.base, password(name), password(name) + "-新的"
    http, answer = http_sign_in(base, name)
    other, _ = http_sign_in(base, name)  # the same person signed in elsewhere
    assert answer.status_code == 303

    wrong = change(http, base, "not my password", new)
    assert wrong.status_code == 403 and "当前密码不正确" in wrong.text
    differ = change(http, base, old, new, again=new + "x")
    assert differ.status_code == 400 and "两次输入的新密码不一致" in differ.text

    short = change(http, base, old, "短短")
    assert short.status_code == 400 and "a password must have" in short.text  # the rule of a first password

    done = change(http, base, old, new)
    assert done.status_code == 200 and 'id="password-done"' in done.text
    assert http.get(f"{base}/admin/", allow_redirects=False).status_code == 200  # this session goes on
    assert other.get(f"{base}/admin/", allow_redirects=False).status_code != 200  # the other one ended
    assert http_sign_in(base, name, old)[1].status_code != 303
    assert http_sign_in(base, name, new)[1].status_code == 303

    entries = audit_of(console_store, name)
    actions = [e.action for e in entries]
    assert "account.password" in actions and "account.password-refused" in actions
    for entry in entries:
        for secret in (old, new, "not my password"):
            assert secret not in entry.detail, entry.action
