"""A store that has published nothing yet (feed version 0) is held like any version: the
kiosk takes its snapshot once, then long-polls for a delta — it does not fetch the
snapshot again and again. The store is the real ``kiosk-store serve``; a counting proxy
in front of it (``tests/proxy_support.py``) tells which requests the kiosk made."""

from __future__ import annotations

import pytest
from proxy_support import Proxy
from store_support import StoreCommand

from kiosk import config as config_module
from kiosk.store.service import open_store
from kiosk.sync.jobs import SyncService

pytestmark = pytest.mark.e2e


def test_holding_version_zero_long_polls_instead_of_refetching_the_snapshot(tmp_path):
    cmd = StoreCommand(tmp_path / "data", tmp_path / "keys", None)
    store = open_store(cmd.data, None, cmd.keys)
    try:
        store.init()
    finally:
        store.db.close()
    with cmd.serve() as base, Proxy(base) as proxy:
        store = open_store(cmd.data, None, cmd.keys)
        try:
            table = store.enroll("lobby-1", proxy.url)
        finally:
            store.db.close()
        path = tmp_path / "kiosk.toml"
        path.write_text(
            f'state_dir = "{tmp_path / "state"}"\n' + table.replace("[store]", "[store]\npoll_interval = 3600"),
            encoding="utf-8",
        )
        service = SyncService(config_module.load(path), long_poll_wait=1)
        service.start()
        try:
            # Three rounds of the loop: three long-polls if version 0 is held, three snapshots if not.
            assert proxy.wait_until(
                lambda: proxy.count("GET", "/v1/feed/delta") >= 3 or proxy.count("GET", "/v1/feed/snapshot") >= 3,
                timeout=60,
            )
        finally:
            service.stop()
        assert proxy.count("GET", "/v1/feed/snapshot") == 1
        assert proxy.count("GET", "/v1/feed/delta", 304) >= 3
        assert service.status().feed_version == 0 and service.status().last_error == ""
