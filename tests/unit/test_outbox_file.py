"""The outbox as a file: how it is opened (durability settings, owner-only companions),
migrated from an older layout, scrubbed after an acknowledgement, kept whole when a write
fails, and the one line it gives when it cannot be used (damaged, or only not writable)."""

from __future__ import annotations

import os
import sqlite3
import stat
import threading

import pytest
from support import NOW

from kiosk import feedback as fb
from kiosk import outbox as outbox_module
from kiosk.outbox import Outbox, OutboxError, open_for

#: The entries table as files written before ``PRAGMA user_version`` was set (version 0):
#: no ``tried_at`` column.
_VERSION_0 = """
CREATE TABLE entries (
    id TEXT PRIMARY KEY,
    body BLOB NOT NULL,
    kind TEXT NOT NULL,
    rating TEXT,
    item_id TEXT,
    has_contact INTEGER NOT NULL,
    text_length INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
CREATE TABLE submissions (at REAL NOT NULL);
"""


@pytest.fixture
def path(tmp_path):
    return tmp_path / "outbox.sqlite3"


@pytest.fixture
def outbox(path):
    opened = Outbox(path)
    yield opened
    opened.close()


def _record(text="一条需要保存的意见", **fields):
    return fb.new("opinion", text=text, now=NOW, **fields)


def _query(path, sql):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _version_0_file(path, *entries):
    """A file as an older kiosk left it: entries ``(record, state, attempts)``."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.executescript(_VERSION_0)
        for record, state, attempts in entries:
            conn.execute(
                "INSERT INTO entries (id, body, kind, has_contact, text_length, created_at, state, attempts)"
                " VALUES (?, ?, ?, 0, ?, ?, ?, ?)",
                (record.id, record.body_bytes(), record.kind, len(record.text), record.created_at, state, attempts),
            )
    finally:
        conn.close()


def _refused(path):
    with pytest.raises(OutboxError) as refused:
        Outbox(path)
    return refused.value


def _not_writable(path, reason):
    return (
        f"{path}: cannot write the feedback outbox ({reason}); the file itself is not damaged: "
        "make it and its folder writable"
    )


# -- opening ---------------------------------------------------------------------------


def test_the_outbox_of_a_state_directory_is_its_outbox_file(tmp_path):
    opened = open_for(tmp_path / "state")
    try:
        assert opened.path == tmp_path / "state" / "outbox.sqlite3"
        opened.submit(_record(), NOW)
    finally:
        opened.close()
    assert _query(tmp_path / "state" / "outbox.sqlite3", "SELECT count(*) FROM entries") == [(1,)]


def test_the_connection_is_durable_and_overwrites_what_it_frees(outbox, path):
    conn = outbox._conn
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert conn.execute("PRAGMA synchronous").fetchone() == (2,)  # FULL: every commit reaches the disk
    assert conn.execute("PRAGMA secure_delete").fetchone() == (1,)
    assert _query(path, "PRAGMA journal_mode") == [("wal",)]  # the file's own setting, for every reader


def test_loose_write_ahead_companions_left_by_an_older_version_are_made_owner_only(path):
    record = _record()
    outbox = Outbox(path)
    keeper = sqlite3.connect(path)  # keeps -wal and -shm when the outbox closes
    try:
        keeper.execute("SELECT count(*) FROM entries").fetchone()
        outbox.submit(record, NOW)
        outbox.close()
        companions = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
        # Not empty: SQLite itself gives an empty companion the file's mode when it opens it.
        assert all(c.stat().st_size > 0 for c in companions)
        for companion in companions:
            os.chmod(companion, 0o644)
        reopened = Outbox(path)
        try:
            assert [oct(stat.S_IMODE(c.stat().st_mode)) for c in companions] == [oct(0o600)] * 2
            assert [e.id for e in reopened.pending()] == [record.id]
        finally:
            reopened.close()
    finally:
        keeper.close()


# -- migration -------------------------------------------------------------------------


def test_a_version_0_file_is_migrated_and_its_set_aside_entries_are_queued_again(path):
    kept, waiting = _record("早先被搁置的意见"), _record("早先等待上传的意见")
    _version_0_file(path, (kept, "rejected", 3), (waiting, "pending", 0))
    outbox = Outbox(path)
    try:
        assert outbox.counts() == {"pending": 2, "rejected": 0}
        assert [(e.id, e.attempts) for e in outbox.pending()] == [(kept.id, 3), (waiting.id, 0)]
        outbox.rejected(kept.id, "HTTP 422")
    finally:
        outbox.close()
    assert _query(path, "PRAGMA user_version") == [(1,)]
    reopened = Outbox(path)  # at version 1 nothing runs again: the store's refusal stands
    try:
        assert reopened.counts() == {"pending": 1, "rejected": 1}
    finally:
        reopened.close()


def test_a_migration_that_fails_leaves_the_file_as_it_was(path):
    kept = _record("早先被搁置的意见")
    _version_0_file(path, (kept, "rejected", 1))
    # The migration's second statement is refused (as a full disk would refuse it): its
    # first one, the new column, must be rolled back with it.
    trigger = "CREATE TRIGGER frozen BEFORE UPDATE OF state ON entries BEGIN SELECT RAISE(ABORT, 'entries frozen'); END"
    _query(path, trigger)
    error = _refused(path)
    assert "entries frozen" in str(error) and not error.damaged
    assert _query(path, "PRAGMA user_version") == [(0,)]
    assert "tried_at" not in [row[1] for row in _query(path, "PRAGMA table_info(entries)")]
    assert _query(path, "SELECT id, state FROM entries") == [(kept.id, "rejected")]
    _query(path, "DROP TRIGGER frozen")
    outbox = Outbox(path)
    try:
        assert outbox.counts() == {"pending": 1, "rejected": 0}
    finally:
        outbox.close()


# -- acknowledged entries leave the file's bytes -----------------------------------------


def test_an_acknowledged_entry_is_gone_from_the_file_and_its_write_ahead_log(outbox, path):
    record = _record("只属于这位访客的意见", consent=True, phone="13955556666")
    outbox.submit(record, NOW)
    wal = path.with_name(path.name + "-wal")
    assert "只属于这位访客的意见".encode() in wal.read_bytes()
    outbox.acknowledged(record.id)
    assert wal.stat().st_size == 0
    for written in (path, wal):
        data = written.read_bytes()
        assert "只属于这位访客的意见".encode() not in data and b"13955556666" not in data
    assert outbox.scrub() is True


def test_a_reader_holding_the_log_delays_the_scrub_until_it_is_done(outbox, path):
    record = _record("只属于这位访客的意见")
    outbox.submit(record, NOW)
    wal = path.with_name(path.name + "-wal")
    reader = sqlite3.connect(path, isolation_level=None)
    try:
        reader.execute("BEGIN")
        assert reader.execute("SELECT count(*) FROM entries").fetchone() == (1,)
        # Deleted all the same; the scrub waits for the reader only briefly, so the
        # acknowledgement (and a visitor's submission waiting on the outbox) is not held up
        # for the whole busy timeout. A hang guard, at half that timeout:
        acknowledging = threading.Thread(target=outbox.acknowledged, args=(record.id,))
        acknowledging.start()
        acknowledging.join(timeout=outbox_module.BUSY_TIMEOUT / 2)
        assert not acknowledging.is_alive(), "the acknowledgement waited for the reader"
        assert outbox._conn.execute("PRAGMA busy_timeout").fetchone() == (int(outbox_module.BUSY_TIMEOUT * 1000),)
        assert outbox.counts() == {"pending": 0, "rejected": 0}
        assert outbox.scrub() is False
        assert "只属于这位访客的意见".encode() in wal.read_bytes()
        reader.execute("COMMIT")
    finally:
        reader.close()
    assert outbox.scrub() is True
    assert wal.stat().st_size == 0
    assert "只属于这位访客的意见".encode() not in path.read_bytes()


# -- a write that fails half-way --------------------------------------------------------


def test_a_submission_that_fails_after_its_entry_was_written_leaves_nothing(outbox, path):
    # The rate limit's row cannot be written (a trigger refuses it, as a full disk would):
    # the entry inserted just before it must go with the transaction.
    _query(path, "CREATE TRIGGER refuse BEFORE INSERT ON submissions BEGIN SELECT RAISE(ABORT, 'refused'); END")
    with pytest.raises(sqlite3.IntegrityError, match="refused"):
        outbox.submit(_record(), NOW)
    assert outbox.listing() == []
    _query(path, "DROP TRIGGER refuse")
    record = _record()
    outbox.submit(record, NOW)  # no transaction was left open
    assert [e.id for e in outbox.pending()] == [record.id]


def test_the_same_record_twice_is_refused_and_counts_once(outbox):
    record = _record()
    outbox.submit(record, NOW)
    with pytest.raises(sqlite3.IntegrityError):
        outbox.submit(record, NOW)
    assert outbox.counts() == {"pending": 1, "rejected": 0}
    assert outbox.retry_in(NOW, outbox_module.RateLimit(min_interval=0, per_hour=2)) == 0


# -- an outbox that cannot be used --------------------------------------------------------


def test_a_file_that_is_not_a_database_is_damaged_and_left_as_it_is(path):
    path.write_bytes(b"SQLite format 3\x00" + b"\x5a" * 8000)
    before = path.read_bytes()
    error = _refused(path)
    assert error.damaged is True
    assert str(error) == (
        f"{path}: the feedback outbox is damaged (file is not a database); its entries are not yet uploaded: "
        "keep the file, move it aside and start the kiosk again to begin a new one"
    )
    assert path.read_bytes() == before


def _damage_where_no_query_looks(path):
    """Break the b-tree page of the submission times, which opening the file never reads."""
    outbox = Outbox(path)
    try:
        outbox.submit(_record(), NOW)
    finally:
        outbox.close()
    ((page_size,),) = _query(path, "PRAGMA page_size")
    ((root,),) = _query(path, "SELECT rootpage FROM sqlite_master WHERE name = 'submissions'")
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    data[start + 3 : start + 5] = (500).to_bytes(2, "big")  # the page's cell count
    path.write_bytes(bytes(data))


def test_damage_only_a_check_finds_is_refused_at_open(path):
    _damage_where_no_query_looks(path)
    before = path.read_bytes()
    error = _refused(path)
    assert "(database disk image is malformed (quick_check))" in str(error)
    assert path.read_bytes() == before


def test_damage_only_a_check_finds_is_reported_as_damage(path):
    _damage_where_no_query_looks(path)
    assert _refused(path).damaged is True


def test_a_file_sqlite_only_reads_is_not_writable_and_not_damaged(path):
    Outbox(path).close()
    # Header byte 18 is the format needed to write the file: one newer than SQLite knows
    # makes it open the file read-only, as it does on a read-only disk (and for root, whom
    # file permissions do not stop).
    data = bytearray(path.read_bytes())
    data[18] = 3
    path.write_bytes(bytes(data))
    error = _refused(path)
    assert error.damaged is False
    assert str(error) == _not_writable(path, "attempt to write a readonly database; is the disk read-only?")


@pytest.mark.parametrize(
    ("folder", "reason"),
    [
        ("outbox.sqlite3", "unable to open database file; is the disk read-only?"),
        ("outbox.sqlite3-wal", "disk I/O error; is the disk read-only?"),  # an extended result code
    ],
)
def test_a_folder_where_a_file_belongs_is_not_writable_and_not_damaged(path, folder, reason):
    (path.parent / folder).mkdir()
    error = _refused(path)
    assert error.damaged is False
    assert str(error) == _not_writable(path, reason)


def test_a_state_directory_that_is_a_file_gives_the_system_s_reason(tmp_path):
    (tmp_path / "state").write_text("not a folder")
    path = tmp_path / "state" / "outbox.sqlite3"
    error = _refused(path)
    assert error.damaged is False
    assert str(error) == _not_writable(path, "Not a directory")


def test_a_full_disk_asks_for_space(tmp_path, path):
    # A real SQLITE_FULL: a page limit on this connection stands in for a full disk, which
    # cannot be made here without a file system of its own.
    conn = sqlite3.connect(tmp_path / "small.sqlite3")
    try:
        conn.execute("PRAGMA max_page_count = 2")
        with pytest.raises(sqlite3.OperationalError) as full:
            conn.execute("CREATE TABLE t (b BLOB)")
            conn.execute("INSERT INTO t VALUES (zeroblob(100000))")
    finally:
        conn.close()
    error = outbox_module._error(path, full.value)
    assert error.damaged is False
    assert str(error) == _not_writable(path, "database or disk is full; free some space")
