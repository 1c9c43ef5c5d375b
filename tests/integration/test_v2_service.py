"""The kiosk's sync service on protocol v2: the long-poll wakes it for a publication and a
withdrawal within one poll, and a heartbeat tells the store when the kiosk has gone stale."""

from __future__ import annotations

import json
import threading

from v2_support import RunningStore, make_store, publish

from kiosk import config as config_module
from kiosk.clock import SystemClock
from kiosk.store.service import Store
from kiosk.sync.jobs import SyncService


class Changes:
    def __init__(self) -> None:
        self.condition = threading.Condition()
        self.results = []

    def changed(self, result) -> None:
        with self.condition:
            self.results.append(result)
            self.condition.notify_all()

    def wait_for(self, count: int, timeout: float = 10.0) -> bool:
        with self.condition:
            return self.condition.wait_for(lambda: len(self.results) >= count, timeout)


def v2_config(store: Store, url: str, tmp_path):
    table = store.enroll("lobby-1", url)
    fields = dict(line.split(" = ", 1) for line in table.splitlines()[1:])

    values = {k: json.loads(v) for k, v in fields.items()}
    return config_module.from_table(
        {"state_dir": str(tmp_path / "state"), "store": {**values, "timeout": 5.0, "poll_interval": 3600}},
        tmp_path / "kiosk.toml",
    )


def test_the_long_poll_wakes_a_v2_kiosk_for_a_publication_and_a_withdrawal(tmp_path):
    store = make_store(tmp_path, SystemClock())  # the service runs on the real clock
    publish(store, tmp_path, "年度工作要点", "points")
    changes = Changes()
    with RunningStore(store) as running:
        service = SyncService(v2_config(store, running.url, tmp_path), on_changed=changes.changed, long_poll_wait=30)
        service.start()
        try:
            assert changes.wait_for(1)
            publish(store, tmp_path, "办事指南", "guide")
            assert changes.wait_for(2)
            store.withdraw("points", "dan")
            assert changes.wait_for(3)
            current = service.status()
            assert current.ok and current.fresh_until is not None and not current.stale
            assert current.items == 1
        finally:
            service.stop()
    store.db.close()


class Statuses:
    def __init__(self) -> None:
        self.condition = threading.Condition()
        self.seen = []

    def on_status(self, current) -> None:
        with self.condition:
            self.seen.append(current)
            self.condition.notify_all()

    def wait_for(self, predicate, timeout: float = 10.0) -> bool:
        with self.condition:
            return self.condition.wait_for(lambda: any(predicate(s) for s in self.seen), timeout)


def test_an_unsigned_not_modified_from_the_long_poll_never_counts_as_fresh(tmp_path):
    from v2_support import Proxy

    store = make_store(tmp_path, SystemClock())
    publish(store, tmp_path, "年度工作要点", "points")
    changes, statuses = Changes(), Statuses()
    with RunningStore(store) as running, Proxy(running.url) as proxy:
        service = SyncService(
            v2_config(store, proxy.url, tmp_path),
            on_changed=changes.changed,
            on_status=statuses.on_status,
            long_poll_wait=30,
        )
        service.start()
        try:
            assert changes.wait_for(1)
            # The attacker answers every request with 304: the hint and the timestamp alike.
            proxy.rule = lambda path, upstream: (304, {}, b"")
            assert statuses.wait_for(lambda s: "304" in s.last_error)
        finally:
            service.stop()
    store.db.close()
