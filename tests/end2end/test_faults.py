"""Faults at the kiosk, met by the real ``kiosk`` program: one clear line, the documented
exit status, no traceback — and the screens keep going where they can.

A damaged content cache is rebuilt (the demo pack, or the store's snapshot); the outbox
is never moved or discarded. A read-only state directory, a damaged outbox and a
configuration nested 2,000 deep each end with one line and their own status (README).
Read-only and full disks are real: see ``tests/fault_support.py``.
"""

from __future__ import annotations

import json
import stat
from datetime import UTC

import pytest
from fault_support import damage_pages, kiosk, one_line, read_only, write_config

from kiosk import paths

pytestmark = pytest.mark.e2e

PACK = {p.stem for p in (paths.DEMO_PACK_DIR / "items").glob("*.md") if not p.stem.startswith(("internal-", "future-"))}


def _outbox_with_one_record(state):
    from datetime import datetime

    from kiosk import feedback as fb
    from kiosk.outbox import Outbox

    now = datetime.now(UTC)
    outbox = Outbox(state / "outbox.sqlite3")
    try:
        outbox.submit(
            fb.new("opinion", text="大厅的指示牌不清楚", consent=True, name="钱七", phone="13811112222", now=now), now
        )
    finally:
        outbox.close()


def _checkpointed(path):
    """The outbox's bytes with its WAL folded in (what a byte comparison should see)."""
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path.read_bytes()


@pytest.mark.parametrize("command", ["items", "status", "run"])
def test_a_damaged_cache_is_rebuilt_with_one_line_and_the_outbox_is_untouched(tmp_path, command):
    config = write_config(tmp_path)
    state = tmp_path / "state"
    assert kiosk("--config", str(config), "items", "--json").returncode == 0
    held = json.loads(kiosk("--config", str(config), "status", "--json").stdout)["items"]
    assert held >= len(PACK)
    _outbox_with_one_record(state)
    outbox_before = _checkpointed(state / "outbox.sqlite3")
    damage_pages(state / "cache.sqlite3")

    if command == "run":
        result = kiosk(
            "--config", str(config), "run", "--offscreen", "--screenshot", str(tmp_path / "shots"), "--quit-after", "1"
        )
    else:
        result = kiosk("--config", str(config), command, "--json")
    assert result.returncode == 0, result.stderr
    if command == "run":
        # The long-running commands log every event to stdout, one line each (the journal).
        assert result.stderr == "" and "Traceback" not in result.stdout, result.stdout + result.stderr
        found = [line for line in result.stdout.splitlines() if line.startswith(("ERROR", "WARNING", "CRITICAL"))]
        assert len(found) == 1, result.stdout
        line = found[0]
    else:
        line = one_line(result)
    assert "content cache" in line and "damaged" in line and "moved it aside" in line
    if command == "items":
        assert {i["id"] for i in json.loads(result.stdout)} == PACK  # refilled from the demo pack
    if command == "status":
        report = json.loads(result.stdout)
        assert report["items"] == held and report["outbox"] == {"pending": 1, "rejected": 0}
    if command == "run":
        assert (tmp_path / "shots" / "touch.png").is_file()
    # Moved aside, not deleted; the outbox neither moved nor changed.
    assert len([p for p in state.glob("cache.sqlite3.damaged-*") if not p.name.endswith("-wal")]) == 1
    assert _checkpointed(state / "outbox.sqlite3") == outbox_before
    again = kiosk("--config", str(config), "items", "--json")
    assert again.returncode == 0 and again.stderr == ""
    assert {i["id"] for i in json.loads(again.stdout)} == PACK


def test_a_damaged_outbox_is_one_line_status_4_and_kept(tmp_path):
    config = write_config(tmp_path)
    state = tmp_path / "state"
    state.mkdir()
    (state / "outbox.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\x5a" * 8000)
    before = (state / "outbox.sqlite3").read_bytes()
    for args in (
        ["outbox", "--json"],
        ["status", "--json"],
        ["outbox", "retry"],
        ["run", "--offscreen", "--quit-after", "1"],
    ):
        result = kiosk("--config", str(config), *args)
        assert result.returncode == 4, (args, result.stderr)
        line = one_line(result)
        assert "outbox is damaged" in line and "move it aside" in line
    assert (state / "outbox.sqlite3").read_bytes() == before  # never moved, never rewritten


def test_a_read_only_state_directory_is_one_line_status_3_and_never_advises_moving_the_outbox(tmp_path):
    config = write_config(tmp_path)
    state = tmp_path / "state"
    assert kiosk("--config", str(config), "items", "--json").returncode == 0
    _outbox_with_one_record(state)
    prefix = read_only(state)
    for args in (
        ["items", "--json"],
        ["status", "--json"],
        ["outbox", "--json"],
        ["outbox", "retry"],
        ["run", "--offscreen", "--quit-after", "1"],
    ):
        result = kiosk("--config", str(config), *args, prefix=prefix)
        assert result.returncode == 3, (args, result.stderr)
        line = one_line(result)
        assert "read-only file system" in line and "move" not in line


def test_the_outbox_alone_on_a_read_only_disk_is_told_apart_from_a_damaged_one(tmp_path):
    """The state directory is writable but the outbox file is not: not damaged, not to be moved."""
    import subprocess
    import sys

    state = tmp_path / "state"
    _outbox_with_one_record(state)
    probe = (
        "from kiosk.outbox import Outbox, OutboxError\n"
        f"try:\n    Outbox({str(state / 'outbox.sqlite3')!r})\n"
        "except OutboxError as exc:\n    print(exc.damaged, exc)\n"
    )
    for suffix in ("-wal", "-shm"):
        (state / f"outbox.sqlite3{suffix}").unlink(missing_ok=True)
    prefix = read_only(state / "outbox.sqlite3")
    done = subprocess.run([*prefix, sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.stdout.startswith("False "), done.stdout + done.stderr
    assert "not damaged" in done.stdout and "move it aside" not in done.stdout


def test_a_configuration_nested_2000_deep_is_one_line_status_2(tmp_path):
    path = tmp_path / "deep.toml"
    path.write_text("a = " + "[" * 2000 + "]" * 2000 + "\n")
    assert 3900 < path.stat().st_size < 4200  # about 4 KB
    inline = tmp_path / "deep-tables.toml"
    inline.write_text("a = " + "{b = " * 1000 + "1" + "}" * 1000 + "\n")
    for config in (path, inline):
        result = kiosk("--config", str(config), "items", "--json")
        assert result.returncode == 2
        assert "nested too deeply" in one_line(result) and str(config) in result.stderr


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_everything_the_kiosk_writes_is_owner_only_whatever_the_umask(tmp_path, umask):
    config = write_config(tmp_path)
    state = tmp_path / "state"
    shots = tmp_path / "shots"
    result = kiosk(
        "--config", str(config), "run", "--offscreen", "--screenshot", str(shots), "--quit-after", "1", umask=umask
    )
    assert result.returncode == 0, result.stderr
    written = [state, *state.rglob("*"), shots, *shots.rglob("*")]
    names = {p.name for p in written}
    assert {"cache.sqlite3", "outbox.sqlite3", "kiosk.log", "touch.png"} <= names
    assert any(p.parent.parent.name == "assets" for p in written)  # attachments of the demo pack
    loose = [
        f"{p} {stat.filemode(p.stat().st_mode)}"
        for p in written
        if stat.S_IMODE(p.stat().st_mode) & 0o077 or stat.S_IMODE(p.stat().st_mode) != (0o700 if p.is_dir() else 0o600)
    ]
    assert loose == []
