"""Protocol v2 test rig: a real store (FastAPI under uvicorn) on loopback, kiosks syncing from
it through the real transport and python-tuf, and a man-in-the-middle proxy between them.

The store runs in this process (in a thread) rather than as a subprocess so that the
store and the kiosks share one injected clock: lifetimes are crossed by moving the clock,
never by waiting. Everything else is real: HTTP on loopback, SQLite or PostgreSQL,
the signing keys on disk, the kiosk's content cache.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import tomllib
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import uvicorn
from store_support import item_file

from kiosk.cache import ContentCache
from kiosk.clock import FakeClock
from kiosk.store.server import create_app
from kiosk.store.service import Store, open_store
from kiosk.sync.syncer_v2 import SyncerV2
from kiosk.sync.transport import StoreClient


def make_store(tmp_path: Path, clock: FakeClock, database_url: str | None = None) -> Store:
    """An initialised store with a root: alice (author), bob and carol (approvers), dan (admin)."""
    store = open_store(tmp_path / "data", database_url, tmp_path / "keys", clock=clock)
    store.init()
    for name, role in (("alice", "author"), ("bob", "approver"), ("carol", "approver"), ("dan", "admin")):
        store.add_user(name, role)
    store.init_root(tmp_path / "offline" / "root.key")
    return store


def publish(
    store: Store, tmp_path: Path, title: str, item_id: str, approver: str = "bob", admin: str = "dan", **fields
) -> str:
    path = item_file(_folder(tmp_path), item_id, title, id=item_id, **fields)
    if any(i["id"] == item_id for i in store.items()):
        store.edit_item(item_id, path, "alice")
    else:
        store.add_item(path, "alice")
    store.submit(item_id, "alice")
    store.approve(item_id, approver)
    store.publish(item_id, admin)
    return item_id


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "items"
    folder.mkdir(exist_ok=True)
    return folder


class RunningStore:
    """The store's real app on a free loopback port, in a thread."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.sock = socket.create_server(("127.0.0.1", 0))
        # Accepted connections inherit it: without, every reused connection stalls ~40 ms (Nagle).
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        config = uvicorn.Config(
            create_app(self.store, poll_interval=0.05),
            log_level="warning",
            access_log=False,
            timeout_graceful_shutdown=1,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, name="v2-store")

    def __enter__(self) -> RunningStore:
        self.thread.start()
        started = threading.Event()
        while not self.server.started and self.thread.is_alive():
            started.wait(0.01)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()


class Kiosk:
    """One kiosk's sync side: its cache, its trust directory, the v2 syncer; shares the test's clock."""

    def __init__(self, folder: Path, url: str, store: Store, clock: FakeClock, enroll: str | None = None) -> None:
        """With ``enroll`` (a device name), the kiosk is enrolled now and takes every pin from the
        ``[store]`` table enrollment prints; without, it pins the root only (enrolled before the
        snapshot floor existed)."""
        if enroll is None:
            version, sha = store.root_pin()
            floor = 0
        else:
            table = tomllib.loads(store.enroll(enroll))["store"]
            version, sha, floor = table["root_version"], table["root_sha256"], table["min_snapshot_version"]
        folder.mkdir(parents=True, exist_ok=True)
        self.client = StoreClient(url, "", timeout=5.0)
        self.cache = ContentCache(folder / "cache.db")
        self.syncer = SyncerV2(
            self.client, self.cache, root_version=version, root_sha256=sha, min_snapshot_version=floor, clock=clock
        )

    def sync(self):
        return self.syncer.sync()

    def items(self) -> dict[str, int]:
        return {i: item.revision for i, item in self.cache.stored_items(self.cache.item_ids()).items()}

    def item(self, item_id: str):
        return self.cache.stored_items([item_id])[item_id]

    def close(self) -> None:
        self.client.close()
        self.cache.close()


class Proxy:
    """A man in the middle on loopback: forwards to the store unless a rule answers instead.

    ``rule(path, upstream)`` gets the request path and a function fetching the real answer
    ``(status, headers, body)``; it returns what to send back, or None to pass through.
    ``recorded`` keeps every answer that passed, by path, for replays.
    """

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream.removeprefix("http://")
        self.rule: Callable | None = None
        self.recorded: dict[str, tuple[int, dict, bytes]] = {}
        self.history: dict[str, list[tuple[int, dict, bytes]]] = {}
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                def upstream() -> tuple[int, dict, bytes]:
                    conn = http.client.HTTPConnection(proxy.upstream, timeout=10)
                    try:
                        conn.request("GET", self.path)
                        answer = conn.getresponse()
                        return answer.status, dict(answer.getheaders()), answer.read()
                    finally:
                        conn.close()

                found = proxy.rule(self.path, upstream) if proxy.rule else None
                if found is None:
                    found = upstream()
                    proxy.recorded[self.path] = found
                    proxy.history.setdefault(self.path.split("?")[0], []).append(found)
                status, headers, body = found
                self.send_response(status)
                for name in ("Content-Type", "ETag", "Cache-Control"):
                    if name in headers:
                        self.send_header(name, headers[name])
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, name="mitm")

    def __enter__(self) -> Proxy:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(10)


@contextlib.contextmanager
def kiosk_at(folder: Path, url: str, store: Store, clock: FakeClock, enroll: str | None = None) -> Iterator[Kiosk]:
    kiosk = Kiosk(folder, url, store, clock, enroll)
    try:
        yield kiosk
    finally:
        kiosk.close()
