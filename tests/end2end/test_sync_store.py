"""The kiosk against the real central store: ``kiosk-store`` admin flow, ``serve`` on loopback,
``kiosk sync --once``, ``items --json``, and a long-polling ``kiosk sync`` that a withdrawal
reaches through its held request (how soon: benchmarks/wakeup.py). All real processes;
SQLite and (when reachable) PostgreSQL."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
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


class StdoutLines:
    """Every line a subprocess writes to stdout, read by a thread as it comes; ``wait_for``
    is woken by each new line (no polling)."""

    def __init__(self, stream) -> None:
        self.lines: list[str] = []
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream) -> None:
        with stream:
            for line in stream:
                with self._changed:
                    self.lines.append(line)
                    self._changed.notify_all()

    def wait_for(self, needle: str, timeout: float) -> bool:
        """Whether a line holding ``needle`` came within ``timeout`` seconds."""
        with self._changed:
            return self._changed.wait_for(lambda: any(needle in line for line in self.lines), timeout)

    def join(self) -> None:
        self._thread.join(timeout=30)


def test_kiosk_syncs_from_the_real_store(tmp_path, database_url):
    cmd = StoreCommand(tmp_path / "data", tmp_path / "keys", database_url)
    cmd.out("init")
    cmd.add_people(("dan", "admin"), ("alice", "author"), ("bob", "approver"))
    (tmp_path / "plan.png").write_bytes(PNG)
    plan = publish(cmd, item_file(tmp_path, "plan", "办事大厅平面图", attachments=["plan.png"], id="hall-plan"))
    points = publish(cmd, item_file(tmp_path, "points", "年度工作要点", id="work-points"))
    publish(cmd, item_file(tmp_path, "internal", "内部事项", audience="internal", id="internal-only"))

    with cmd.serve() as base:
        table = cmd.out("device", "enroll", "lobby-1", "--url", base, "--as", "dan")
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
        # A long-running sync writes every event to stdout (--verbose: the long-poll's debug
        # line too), read here as it comes; stderr goes to a file, not a pipe nobody reads.
        err = open(tmp_path / "sync.stderr", "w", encoding="utf-8")
        syncing = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "--config", str(config), "sync", "--verbose"],
            stdout=subprocess.PIPE,
            stderr=err,
            env=env,
            text=True,
        )
        events = StdoutLines(syncing.stdout)
        try:
            assert events.wait_for("syncing with", 30)
            held = f"sync: long-poll from version {status['feed_version']} "
            # The kiosk has sent its long-poll (its debug line comes right before the request).
            assert events.wait_for(held, 30)
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
            assert events.wait_for(withdrawal, LONG_POLL_WAIT / 2), "the withdrawal never arrived"
            lines = list(events.lines)
            arrived = next(i for i, line in enumerate(lines) if withdrawal in line)
            # The last sync step before the removal was the held long-poll: no interval poll,
            # no new request came in between. Heartbeats (sent on change too) are no sync step.
            steps = [i for i, line in enumerate(lines[:arrived]) if "sync: " in line and "heartbeat" not in line]
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
                events.join()
                err.close()
                stderr = (tmp_path / "sync.stderr").read_text(encoding="utf-8")
        assert code == 0, stderr
        assert_clean_stderr(stderr)
