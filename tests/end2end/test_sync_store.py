"""The kiosk against the real central store: ``kiosk-store`` admin flow, ``serve`` on loopback,
``kiosk sync --once``, ``items --json``, and a long-polling ``kiosk sync`` that a withdrawal
reaches through its held request (how soon: benchmarks/wakeup.py). All real processes;
SQLite and (when reachable) PostgreSQL."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from e2e_support import assert_clean_stderr, kiosk_env
from store_support import StoreCommand, database_url, item_file  # noqa: F401 (fixture)

from kiosk.sync.jobs import LONG_POLL_WAIT

pytestmark = pytest.mark.e2e

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def publish(cmd: StoreCommand, path: Path) -> str:
    """An item file through the whole workflow with the command line; its id."""
    item_id = cmd.out("item", "add", str(path), "--as", "alice")
    for action, actor in (("submit", "alice"), ("approve", "bob"), ("publish", "dan")):
        cmd.run("item", action, item_id, "--as", actor)
    return item_id


def kiosk(*args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", *args], capture_output=True, text=True, timeout=120, env=kiosk_env()
    )
    assert_clean_stderr(result.stderr)
    return result


def listed(config: Path) -> dict[str, dict]:
    result = kiosk("--config", str(config), "items", "--json")
    assert result.returncode == 0, result.stderr
    return {item["id"]: item for item in json.loads(result.stdout)}


def _wait_for(condition, timeout: float) -> float | None:
    """When ``condition()`` first held (monotonic seconds), or None after ``timeout``.

    It watches a log file that another process writes: there is no signal to wait on, so
    the file is read again every 10 ms (no Qt involved).
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return time.monotonic()
        time.sleep(0.01)
    return None


def _wait_for_log(log_file: Path, needle: str, timeout: float) -> float | None:
    """When ``needle`` appeared in the kiosk's log."""
    return _wait_for(lambda: log_file.is_file() and needle in log_file.read_text(encoding="utf-8"), timeout)


def test_kiosk_syncs_from_the_real_store(tmp_path, database_url):
    cmd = StoreCommand(tmp_path / "data", tmp_path / "keys", database_url)
    cmd.out("init")
    cmd.add_people(("dan", "admin"), ("alice", "author"), ("bob", "approver"))
    (tmp_path / "plan.png").write_bytes(PNG)
    plan = publish(cmd, item_file(tmp_path, "plan", "办事大厅平面图", attachments=["plan.png"], id="hall-plan"))
    points = publish(cmd, item_file(tmp_path, "points", "年度工作要点", id="work-points"))
    publish(cmd, item_file(tmp_path, "internal", "内部事项", audience="internal", id="internal-only"))

    with cmd.serve() as base:
        table = cmd.out("device", "enroll", "lobby-1", "--url", base)
        config = tmp_path / "kiosk.toml"
        # Pasting the printed table is all the set-up a kiosk needs (plus where it keeps state).
        config.write_text(f'state_dir = "{tmp_path / "state"}"\n{table}\n', encoding="utf-8")
        # For the long-poll below: the interval poll (a safety net behind proxies) once an hour.
        with config.open("a", encoding="utf-8") as file:
            file.write("poll_interval = 3600\n")

        first = kiosk("--config", str(config), "sync", "--once")
        assert first.returncode == 0, first.stderr
        assert first.stderr == ""
        shown = listed(config)
        assert set(shown) == {plan, points}  # never the internal item
        sha = shown[plan]["attachments"][0]["sha256"]
        assert (tmp_path / "state" / "assets" / sha[:2] / sha).read_bytes() == PNG

        again = kiosk("--config", str(config), "sync", "--once")
        assert again.returncode == 0 and again.stdout.strip().endswith("nothing new"), again.stdout

        status = json.loads(kiosk("--config", str(config), "status", "--json").stdout)
        assert status["feed_version"] >= 2 and status["items"] == 2 and status["last_error"] is None

        # A kiosk syncing continuously (long-poll): a withdrawal reaches it through the
        # request it holds — the order of events here, the time in benchmarks/wakeup.py.
        env = kiosk_env()
        # --verbose writes the long-poll's debug line; stderr goes to a file, not a pipe that
        # a chatty debug log could fill while nobody reads it.
        err = open(tmp_path / "sync.stderr", "w", encoding="utf-8")
        syncing = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "--config", str(config), "sync", "--verbose"],
            stdout=subprocess.DEVNULL,
            stderr=err,
            env=env,
        )
        try:
            log_file = tmp_path / "state" / "logs" / "kiosk.log"
            assert _wait_for_log(log_file, "syncing with", 30) is not None
            held = f"sync: long-poll from version {status['feed_version']} "
            # The kiosk has sent its long-poll (its debug line comes right before the request).
            assert _wait_for_log(log_file, held, 30) is not None
            withdrawal = (
                f"sync: feed version {status['feed_version'] + 1} (delta from {status['feed_version']}): "
                "0 items written, 1 removed"
            )
            # Withdrawn in this process, through the store's own service (as its command line does).
            from kiosk.store.service import open_store

            store = open_store(cmd.data, database_url, cmd.keys)
            try:
                store.withdraw(points, "dan")
            finally:
                store.db.close()
            # A hang guard, half the long-poll's own wait: by then only a woken request answers.
            assert _wait_for_log(log_file, withdrawal, LONG_POLL_WAIT / 2) is not None, "the withdrawal never arrived"
            lines = log_file.read_text(encoding="utf-8").splitlines()
            arrived = next(i for i, line in enumerate(lines) if withdrawal in line)
            # The last sync step before the removal was the held long-poll: no interval poll,
            # no new request came in between.
            steps = [i for i, line in enumerate(lines[:arrived]) if "sync: " in line]
            assert held in lines[steps[-1]], lines[steps[-1]]
            assert set(listed(config)) == {plan}
        finally:
            syncing.send_signal(signal.SIGTERM)
            try:
                code = syncing.wait(timeout=15)
            finally:
                if syncing.poll() is None:
                    syncing.kill()
                    syncing.wait()
                err.close()
                stderr = (tmp_path / "sync.stderr").read_text(encoding="utf-8")
        assert code == 0, stderr
        assert_clean_stderr(stderr)
