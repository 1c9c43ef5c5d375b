"""Fixtures for the console's unit tests: a store with an author, an approver and an admin."""

from __future__ import annotations

import pytest
from support import NOW

from kiosk.clock import FakeClock
from kiosk.store.service import open_store


@pytest.fixture
def people_store(tmp_path):
    """alice (author), bob (approver) and dan (admin) with key files in ``tmp_path/keys``."""
    store = open_store(tmp_path / "data", None, tmp_path / "keys", clock=FakeClock(NOW))
    store.init()
    for name, role in (("alice", "author"), ("bob", "approver"), ("dan", "admin"), ("eve", "approver")):
        store.add_user(name, role)
    yield store
    store.db.close()
