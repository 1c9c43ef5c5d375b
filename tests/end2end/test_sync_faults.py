"""``kiosk sync --once`` and ``kiosk outbox retry`` against a real store on loopback, with
the faults of the field: a proxy answering feedback uploads with its own error pages, and
a disk that fills up during a sync (a real small ``tmpfs``, see ``tests/fault_support.py``)."""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, datetime

import pytest
from fault_support import kiosk, on_small_disk, one_line
from feedback_support import make_store, serving
from proxy_support import Proxy
from store_support import item_file, publish

from kiosk import feedback as fb
from kiosk.outbox import Outbox

pytestmark = pytest.mark.e2e

STATUSES = [503, 404, 403, 400, 405]


def _kiosk_config(store, tmp_path, url: str | None = None):
    text = store.config_text()
    if url is not None:
        text = text.replace(store.url, url)
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _submit(state, records):
    outbox = Outbox(state / "outbox.sqlite3")
    try:
        for record in records:
            outbox.submit(record, datetime.now(UTC))
    finally:
        outbox.close()


def _records(n: int) -> list[fb.Feedback]:
    now = datetime.now(UTC)
    return [
        fb.new("question", text=f"第{i}个问题：周末是否办理业务？", consent=True, phone=f"1390000000{i}", now=now)
        for i in range(n)
    ]


def test_sync_once_sends_waiting_feedback_and_a_proxy_s_pages_set_none_aside(tmp_path):
    store = make_store(tmp_path)
    records = _records(5)
    with serving(store) as base, Proxy(base, failing=STATUSES) as proxy:
        config = _kiosk_config(store, tmp_path, proxy.url)
        _submit(tmp_path / "state", records)
        for status in STATUSES:
            result = kiosk("--config", str(config), "sync", "--once")
            assert result.returncode == 1
            line = one_line(result)
            assert f"HTTP {status}" in line and "will retry" in line and "5 waiting" in line
            assert "feed version" in result.stdout  # the sync itself went through the proxy
        assert proxy.refused == STATUSES
        listed = json.loads(kiosk("--config", str(config), "outbox", "--json").stdout)
        assert (listed["pending"], listed["rejected"]) == (5, 0)

        proxy.recover()
        result = kiosk("--config", str(config), "sync", "--once")
        assert result.returncode == 0 and result.stderr == "", result.stderr
        assert "feedback: 5 sent" in result.stdout
        # Exactly once, counted where the store answered: five uploads, five 200s.
        assert proxy.count("POST", "/v1/feedback") == 5 == proxy.count("POST", "/v1/feedback", 200)
        assert len(set(proxy.accepted_bodies)) == 5
        assert sorted(r["id"] for r in store.records()) == sorted(r.id for r in records)
        assert json.loads(kiosk("--config", str(config), "outbox", "--json").stdout)["entries"] == []


def test_outbox_retry_requeues_what_was_set_aside_and_the_next_sync_sends_it(tmp_path):
    store = make_store(tmp_path)
    aside = _records(2)
    with serving(store):
        config = _kiosk_config(store, tmp_path)
        state = tmp_path / "state"
        _submit(state, aside)
        outbox = Outbox(state / "outbox.sqlite3")
        for record in aside:  # as an older kiosk did after a proxy's 404
            outbox.rejected(record.id, "the store refused the feedback (HTTP 404): <html>")
        outbox.close()
        assert "feedback" not in kiosk("--config", str(config), "sync", "--once").stdout  # set aside: not sent

        unknown = kiosk("--config", str(config), "outbox", "retry", "ZZZ-ZZZ")
        assert unknown.returncode == 1 and "ZZZ-ZZZ" in one_line(unknown)
        one = kiosk("--config", str(config), "outbox", "retry", aside[0].reference)
        assert one.returncode == 0 and one.stdout.startswith("1 records back in the queue")
        listed = json.loads(kiosk("--config", str(config), "outbox", "--json").stdout)
        assert (listed["pending"], listed["rejected"]) == (1, 1)
        rest = kiosk("--config", str(config), "outbox", "retry")
        assert rest.returncode == 0 and rest.stdout.startswith("1 records back")

        result = kiosk("--config", str(config), "sync", "--once")
        assert result.returncode == 0 and "feedback: 2 sent" in result.stdout
        assert sorted(r["id"] for r in store.records()) == sorted(r.id for r in aside)


@pytest.mark.parametrize("what_fills_it", ["an attachment", "item text"])
def test_a_full_disk_during_sync_is_recorded_as_the_last_error(tmp_path, what_fills_it):
    """The state directory is a 1 MB tmpfs; the store then publishes more than fits."""
    store = make_store(tmp_path)
    with serving(store):
        config = _kiosk_config(store, tmp_path)
        state = tmp_path / "state"
        first = kiosk("--config", str(config), "sync", "--once")
        assert first.returncode == 0, first.stderr
        seed = tmp_path / "seed"
        shutil.move(state, seed)
        state.mkdir()
        api = store.api()
        try:
            if what_fills_it == "an attachment":
                media = tmp_path / "media"
                media.mkdir()
                (media / "scan.pdf").write_bytes(os.urandom(3 * 1024 * 1024))
                publish(api, item_file(tmp_path, "scan", "扫描件", attachments=["media/scan.pdf"]))
            else:
                for i in range(12):
                    path = item_file(tmp_path, f"long-{i}", f"长文{i}")
                    path.write_text(
                        path.read_text(encoding="utf-8") + os.urandom(60_000).hex() + "\n", encoding="utf-8"
                    )
                    publish(api, path)
        finally:
            api.db.close()

        sync, status = on_small_disk(
            state,
            "1m",
            seed,
            [["--config", str(config), "sync", "--once"], ["--config", str(config), "status", "--json"]],
            tmp_path / "results.json",
        )
    assert sync.returncode == 1
    assert "disk is full" in one_line(sync)
    report = json.loads(status.stdout)
    assert report["last_error_reason"] == "disk-full"
    # Each fills the disk where it should: the attachment while it downloads, text in SQLite.
    assert ("content cache" in report["last_error"]) == (what_fills_it == "item text")
    assert "disk is full" in report["last_error"]
    assert report["items"] == 1  # what was held before is still held
