"""Every file and folder the store writes is owner-only, whatever the umask: the database
(and SQLite's -wal and -shm beside it), its lock, the store key, approvers' keys and the
feedback export, all made by the real ``kiosk-store`` command under ``umask 000``."""

from __future__ import annotations

import os
import stat
import subprocess

import pytest
from sqlalchemy import text
from store_support import PASSWORD_ENV, StoreCommand, item_file

from kiosk.store import files
from kiosk.store.db import Database, sqlite_url

pytestmark = pytest.mark.e2e


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def run(cmd: StoreCommand, *args: str) -> str:
    result = subprocess.run(
        cmd.argv(*args), capture_output=True, text=True, timeout=120, umask=0, env={**os.environ, **PASSWORD_ENV}
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_store_writes_owner_only_files_under_any_umask(tmp_path):
    cmd = StoreCommand(tmp_path / "deep" / "data", tmp_path / "config" / "keys", None)
    run(cmd, "init")
    run(cmd, "user", "add", "dan", "--role", "admin")
    run(cmd, "user", "add", "alice", "--role", "author", "--as", "dan")
    run(cmd, "user", "add", "bob", "--role", "approver", "--as", "dan")
    item = run(cmd, "item", "add", str(item_file(tmp_path, "n", "通知")), "--as", "alice").strip()
    for action, actor in (("submit", "alice"), ("approve", "bob"), ("publish", "dan")):
        run(cmd, "item", action, item, "--as", actor)
    run(cmd, "feedback", "export", "--output", str(tmp_path / "export.csv"), "--as", "dan")
    written = [
        tmp_path / "deep",
        cmd.data,
        cmd.keys.parent,
        cmd.keys,
        cmd.keys / "bob.key",
        tmp_path / "export.csv",
        *sorted(cmd.data.iterdir()),
    ]
    names = {p.name for p in cmd.data.iterdir()}
    assert {"store.db", "store.key", "store.lock"} <= names, names
    # While a connection is open, SQLite's -wal and -shm files exist: they take the database's mode.
    old = os.umask(0)
    try:
        db = Database(sqlite_url(cmd.data))
        with db.plain() as session:
            session.execute(text("UPDATE settings SET value = value WHERE key = 'url'"))
            written += [cmd.data / "store.db-wal", cmd.data / "store.db-shm"]
            loose = {str(p.relative_to(tmp_path)): oct(mode(p)) for p in written if mode(p) & 0o077}
        db.close()
    finally:
        os.umask(old)
    assert not loose, loose


def test_a_database_file_readable_by_others_is_made_owner_only(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "store.db").touch()
    os.chmod(data / "store.db", 0o644)
    Database(sqlite_url(data)).close()
    assert mode(data / "store.db") == 0o600


def test_folders_made_are_exactly_owner_only_even_when_the_umask_takes_owner_bits(tmp_path):
    old = os.umask(0o277)  # would leave a folder r-x for its owner: unusable
    try:
        made = files.private_dir(tmp_path / "a" / "b")
        created = files.private_file(made / "f")
    finally:
        os.umask(old)
    assert (mode(tmp_path / "a"), mode(made), mode(created)) == (0o700, 0o700, 0o600)
