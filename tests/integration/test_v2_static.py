"""The v2 feed as static files: ``kiosk-store export-feed DIR`` behind Python's plain
``http.server``, and a kiosk that syncs from it (packs included) — no store process involved.
Also: migration, a v1 kiosk and a v2 kiosk served by the same store side by side."""

from __future__ import annotations

import functools
import hashlib
import socket
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

from support import NOW
from v2_support import RunningStore, kiosk_at, make_store, publish

from kiosk import signing
from kiosk.cache import ContentCache
from kiosk.clock import FakeClock
from kiosk.store import keys
from kiosk.sync.syncer import Syncer
from kiosk.sync.transport import StoreClient

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


class _NoDelay(ThreadingHTTPServer):
    daemon_threads = True

    def server_bind(self) -> None:
        self.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().server_bind()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve_directory(directory):
    server = _NoDelay(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="static")
    thread.start()
    return server, thread


def test_a_kiosk_syncs_from_the_exported_feed_behind_a_static_server(tmp_path, monkeypatch):
    clock = FakeClock(NOW)
    store = make_store(tmp_path, clock)
    (tmp_path / "items").mkdir(exist_ok=True)
    (tmp_path / "items" / "plan.png").write_bytes(PNG)
    publish(store, tmp_path, "办事大厅平面图", "plan", attachments=["plan.png"])
    for n in range(70):  # more than a pack threshold: the first sync uses the packs
        publish(store, tmp_path, f"条目 {n}", f"item-{n:02d}")
    out = tmp_path / "static"
    from kiosk.store.export import export_feed

    assert "exported snapshot" in export_feed(store, out)
    server, thread = serve_directory(out)
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with kiosk_at(tmp_path / "kiosk", url, store, clock) as kiosk:
            asked = []
            real_get = kiosk.client._get
            monkeypatch.setattr(
                kiosk.client, "_get", lambda path, *a, **k: asked.append(path) or real_get(path, *a, **k)
            )
            result = kiosk.sync()
            assert result.kind == "snapshot" and len(kiosk.items()) == 71
            assert not [p for p in asked if p.startswith("/v2/targets/")]  # every document came in a pack
            assert kiosk.cache.assets.has(hashlib.sha256(PNG).hexdigest())
            store.withdraw("plan", "dan")
            export_feed(store, out)
            kiosk.sync()
            assert "plan" not in kiosk.items() and len(kiosk.items()) == 70
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)
        store.db.close()


def test_v1_and_v2_kiosks_side_by_side_on_one_store(tmp_path):
    clock = FakeClock(NOW)
    store = make_store(tmp_path, clock)
    publish(store, tmp_path, "年度工作要点", "points")
    with RunningStore(store) as running, kiosk_at(tmp_path / "v2", running.url, store, clock) as v2:
        token = store.enroll("old-kiosk").split('device_token = "')[1].split('"')[0]
        client = StoreClient(running.url, token, timeout=5.0)
        cache = ContentCache(tmp_path / "v1" / "cache.db")
        try:
            approvers = frozenset(u["public_key"] for u in store.users() if u["role"] == "approver")
            v1 = Syncer(
                client,
                cache,
                store_key=signing.public_text(keys.load_store_key(store.data_dir)),
                approver_keys=approvers,
                clock=clock,
            )
            v1.sync()
            v2.sync()
            assert set(cache.item_ids()) == set(v2.items()) == {"points"}
            store.withdraw("points", "dan")
            v1.sync()
            v2.sync()
            assert cache.item_ids() == set() and v2.items() == {}
            # A v1 kiosk re-enrolled: the same cache switches to v2 on its next sync.
            version, sha = store.root_pin()
            publish(store, tmp_path, "重新登记之后", "after")
            from kiosk.sync.syncer_v2 import SyncerV2

            upgraded = SyncerV2(client, cache, root_version=version, root_sha256=sha, clock=clock)
            assert upgraded.sync().kind == "snapshot"
            assert cache.item_ids() == {"after"}
        finally:
            client.close()
            cache.close()
    store.db.close()


def test_a_v1_store_moves_to_v2_items_published_before_included(tmp_path):
    from kiosk.store.models import User
    from kiosk.store.service import open_store

    clock = FakeClock(NOW)
    store = open_store(tmp_path / "data", None, tmp_path / "keys", clock=clock)
    store.init()
    for name, role in (("alice", "author"), ("bob", "approver"), ("dan", "admin")):
        store.add_user(name, role)
    with store.db.write() as session:  # an admin made before admins had keys
        session.query(User).filter(User.name == "dan").update({"public_key": None})
    (tmp_path / "keys" / "dan.key").unlink()
    publish(store, tmp_path, "迁移前发布", "before")
    store.init_root(tmp_path / "offline" / "root.key")
    store.add_key("dan")
    store.sign_root(tmp_path / "offline" / "root.key")
    with RunningStore(store) as running, kiosk_at(tmp_path / "kiosk", running.url, store, clock) as kiosk:
        kiosk.sync()
        assert kiosk.items() == {}  # published without a publisher's signature: not in v2
        assert store.sign_publications("dan") == 1
        kiosk.sync()
        assert kiosk.items() == {"before": 1}
        assert kiosk.item("before").published_at == NOW
    store.db.close()
