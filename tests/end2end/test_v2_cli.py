"""Protocol v2 with real processes: ``kiosk-store root init``, enrollment printing the root pin,
``kiosk sync --once`` and ``kiosk status --json``; a 304 freeze never extends freshness, and a
feed older than the enrollment makes ``sync --once`` exit 1."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "integration"))
from store_support import StoreCommand, item_file
from v2_support import Proxy

pytestmark = pytest.mark.e2e


def kiosk(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True, text=True, timeout=120, env=env)


def test_v2_from_the_command_line(tmp_path):
    cmd = StoreCommand(tmp_path / "data", tmp_path / "keys", None)
    cmd.out("init")
    cmd.add_people(("dan", "admin"), ("alice", "author"), ("bob", "approver"))
    pin = cmd.run("root", "init", "--root-key", str(tmp_path / "offline" / "root.key"))
    assert "root_sha256" in pin.stdout and "move it off this machine" in pin.stderr
    item_id = cmd.out("item", "add", str(item_file(tmp_path, "p", "年度工作要点")), "--as", "alice")
    for action, actor in (("submit", "alice"), ("approve", "bob"), ("publish", "dan")):
        cmd.run("item", action, item_id, "--as", actor)
    with cmd.serve() as base, Proxy(base) as proxy:
        table = cmd.out("device", "enroll", "lobby-1", "--url", proxy.url, "--as", "dan")
        assert "root_version = 1" in table
        assert int(table.split("min_snapshot_version = ")[1].split()[0]) >= 1  # the feed at enrollment, pinned
        config = tmp_path / "kiosk.toml"
        config.write_text(f'state_dir = "{tmp_path / "state"}"\n{table}\n', encoding="utf-8")
        first = kiosk("--config", str(config), "sync", "--once")
        assert first.returncode == 0, first.stderr
        assert "feed version" in first.stdout
        held = json.loads(kiosk("--config", str(config), "status", "--json").stdout)
        # A 304 keeps only the signed timestamp the kiosk holds (verified again, expiry included):
        # "nothing new" until that statement expires, and never fresher than it.
        proxy.rule = lambda path, upstream: (304, {}, b"") if path.endswith("timestamp.json") else None
        frozen = kiosk("--config", str(config), "sync", "--once")
        assert frozen.returncode == 0, frozen.stderr
        report = json.loads(kiosk("--config", str(config), "status", "--json").stdout)
        assert report["fresh_until"] == held["fresh_until"] and report["stale"] is False
        assert report["items"] == 1
        # The pin reaches the kiosk from its configuration: a floor above the store's feed
        # (what a replay of an older recording looks like to it) is refused as a rollback.
        pinned = int(table.split("min_snapshot_version = ")[1].split()[0])
        ahead = tmp_path / "ahead.toml"
        ahead.write_text(
            f'state_dir = "{tmp_path / "ahead"}"\n'
            + table.replace(f"min_snapshot_version = {pinned}", f"min_snapshot_version = {pinned + 100}")
            + "\n",
            encoding="utf-8",
        )
        proxy.rule = None
        refused = kiosk("--config", str(ahead), "sync", "--once")
        assert refused.returncode == 1 and "older than this kiosk's enrollment" in refused.stderr, refused.stderr
