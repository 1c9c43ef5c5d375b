"""Console pages refuse a query parameter no database can take as text (a NUL) with a 4xx,
on SQLite and on PostgreSQL, instead of passing it to the database (where it is an error
of its own: a 500). The store runs in this process (real HTTP on loopback)."""

from __future__ import annotations

import pytest
from console_support import http_sign_in
from store_support import database_url  # noqa: F401 (fixture)
from support import NOW
from v2_support import RunningStore

from kiosk.clock import FakeClock
from kiosk.store.service import open_store

#: Each page and its free-text parameters.
PAGES = {
    "/admin/items": ("q", "category", "unit"),
    "/admin/feedback": ("item", "kind", "rating"),
    "/admin/audit": ("actor", "action", "q"),
    "/admin/audit.csv": ("actor", "action", "q"),
}


@pytest.mark.parametrize("value", ["\x00", "党务\x00公开", "abc\x00"])
def test_a_nul_in_any_text_parameter_is_a_bad_request(tmp_path, database_url, value):
    store = open_store(tmp_path / "data", database_url, tmp_path / "keys", clock=FakeClock(NOW))
    store.init()
    store.add_user("root", "admin", password="root-password-1")
    try:
        with RunningStore(store) as running:
            admin, _ = http_sign_in(running.url, "root", "root-password-1")
            for path, names in PAGES.items():
                assert admin.get(running.url + path).status_code == 200, path
                for name in names:
                    answer = admin.get(running.url + path, params={name: value})
                    assert 400 <= answer.status_code < 500, (path, name, answer.status_code)
    finally:
        store.db.close()
