"""Several syncs of one kiosk at once: the IT person's ``kiosk sync --once`` while the
kiosk's own service syncs (or two terminals at the same time) share one state directory —
its cache, its trusted metadata and its asset store. Real processes against a real store
on loopback: whichever order their downloads and commits take, each ends with exit 0 and
a clean stderr, and the cache ends holding exactly what the store publishes, with its
attachments."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from e2e_support import assert_clean_stderr, kiosk_env
from store_support import StoreCommand, item_file, publish

from kiosk.store.service import open_store

pytestmark = pytest.mark.e2e

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64
TOGETHER = 3


def syncs_at_once(config: Path) -> list[subprocess.CompletedProcess]:
    """``TOGETHER`` ``kiosk sync --once`` started together, each run to its end."""
    started = [
        subprocess.Popen(
            [sys.executable, "-m", "kiosk", "--config", str(config), "sync", "--once"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=kiosk_env(),
        )
        for _ in range(TOGETHER)
    ]
    done = []
    for process in started:
        out, err = process.communicate(timeout=120)
        done.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    return done


def kiosk(config: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--config", str(config), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=kiosk_env(),
    )


def listed(config: Path) -> dict[str, dict]:
    result = kiosk(config, "items", "--json")
    assert result.returncode == 0, result.stderr
    return {item["id"]: item for item in json.loads(result.stdout)}


def test_syncs_running_together_leave_the_published_catalogue(tmp_path):
    cmd = StoreCommand(tmp_path / "data", tmp_path / "keys", None)
    cmd.out("init")
    cmd.add_people(("dan", "admin"), ("alice", "author"), ("bob", "approver"))
    store = open_store(cmd.data, None, cmd.keys)
    published = []
    try:
        for n in range(6):
            picture = tmp_path / f"p{n}.png"
            picture.write_bytes(PNG + bytes([n]))
            made = item_file(tmp_path, f"i{n}", f"第{n}项公开事项", attachments=[picture.name], id=f"item-{n}")
            published.append(publish(store, made))
        with cmd.serve() as base:
            table = cmd.out("device", "enroll", "lobby-1", "--url", base, "--as", "dan")
            config = tmp_path / "kiosk.toml"
            config.write_text(f'state_dir = "{tmp_path / "state"}"\n{table}\n', encoding="utf-8")

            # The first sync of an empty kiosk (the whole snapshot, every attachment) three times at once.
            for result in syncs_at_once(config):
                assert result.returncode == 0, result.stderr
                assert_clean_stderr(result.stderr)
            assert set(listed(config)) == set(published)

            # Then a change: one withdrawn, one revised away from its picture, one new.
            store.withdraw(published[1], "dan")
            revised = item_file(tmp_path, "i2", "第2项公开事项（修订）", id="item-2")
            store.edit_item(published[2], revised, "alice")
            store.submit(published[2], "alice")
            store.approve(published[2], "bob")
            store.publish(published[2], "dan")
            picture = tmp_path / "new.png"
            picture.write_bytes(PNG + b"new")
            new = item_file(tmp_path, "new", "新增公开事项", attachments=[picture.name], id="item-new")
            added = publish(store, new)
            for result in syncs_at_once(config):
                assert result.returncode == 0, result.stderr
                assert_clean_stderr(result.stderr)

            shown = listed(config)
            assert set(shown) == (set(published) - {published[1]}) | {added}
            assert shown[published[2]]["title"] == "第2项公开事项（修订）" and shown[published[2]]["revision"] == 2
            for item in shown.values():
                for attachment in item["attachments"]:
                    sha = attachment["sha256"]
                    assert (tmp_path / "state" / "assets" / sha[:2] / sha).is_file(), (item["id"], sha)
            # Nothing left half-done: a sync after them has nothing new to do.
            after = kiosk(config, "sync", "--once")
            assert after.returncode == 0 and after.stdout.strip().endswith("nothing new"), after.stdout
    finally:
        store.db.close()
