"""Fixtures for integration tests: a programmable store on loopback, stopped after each test."""

from __future__ import annotations

import pytest
from fake_store import FakeStore


@pytest.fixture
def fake_store():
    store = FakeStore().start()
    yield store
    store.stop()
