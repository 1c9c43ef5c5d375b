"""A store restored from a backup, on SQLite and PostgreSQL: it refuses to serve until an
administrator confirms; then every kiosk that held the newer history detects the fork,
reports it and recovers from a full verified snapshot — its withdrawals still in force."""

from __future__ import annotations

import sqlite3
import subprocess

import pytest
from store_support import database_url, libpq_url  # noqa: F401 (fixture)
from support import NOW
from v2_support import RunningStore, kiosk_at, make_store, publish

from kiosk.clock import FakeClock
from kiosk.store import trust_versions
from kiosk.sync import SyncError, status


def backup(store, database_url, target):
    if database_url is None:
        with sqlite3.connect(store.data_dir / "store.db") as src, sqlite3.connect(target) as dst:
            src.backup(dst)
    else:
        subprocess.run(["pg_dump", "-Fc", "-f", str(target), libpq_url(database_url)], check=True, timeout=60)


def restore(store, database_url, source):
    if database_url is None:
        with sqlite3.connect(source) as src, sqlite3.connect(store.data_dir / "store.db") as dst:
            src.backup(dst)
    else:
        subprocess.run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "-d", libpq_url(database_url), str(source)],
            check=True,
            timeout=60,
            capture_output=True,
        )


def test_restore_from_backup_is_refused_then_detected_as_a_fork_and_recovered(tmp_path, database_url):
    clock = FakeClock(NOW)
    store = make_store(tmp_path, clock, database_url)
    publish(store, tmp_path, "年度工作要点", "points")
    publish(store, tmp_path, "办事指南", "guide")
    with RunningStore(store) as running, kiosk_at(tmp_path / "kiosk", running.url, store, clock) as kiosk:
        kiosk.sync()
        backup(store, database_url, tmp_path / "backup.db")
        publish(store, tmp_path, "备份之后的条目", "late")
        store.withdraw("guide", "dan")
        kiosk.sync()
        assert kiosk.items() == {"points": 1, "late": 1}

        restore(store, database_url, tmp_path / "backup.db")
        with pytest.raises(trust_versions.Restored):
            store.build_trust()
        with pytest.raises(SyncError) as caught:
            kiosk.sync()
        assert "503" in str(caught.value)
        assert kiosk.items() == {"points": 1, "late": 1}

        store.confirm_restore()
        result = kiosk.sync()
        assert result.kind == "snapshot"
        # The withdrawal signed before the restore still holds; what the store no longer has is gone.
        assert kiosk.items() == {"points": 1}
        report = status.read(kiosk.cache, now=clock.now())
        assert report.fork and report.refusals["guide"]["reason"] == "withdrawn"
        publish(store, tmp_path, "恢复之后的条目", "after")
        kiosk.sync()
        assert kiosk.items() == {"points": 1, "after": 1}
    store.db.close()
