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

import pytest
import uvicorn
from store_support import item_file
from support import NOW

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
            server_header=False,  # as kiosk-store serve runs it
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
        # Generous: a loaded 2-core machine may take seconds to answer (a timeout only ends a test early).
        self.client = StoreClient(url, "", timeout=30.0)
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


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def rig(tmp_path, clock, database_url):
    """A store with two published items ("points", "guide"), served behind a :class:`Proxy`,
    and a kiosk that made its first sync through it: ``(store, proxy, kiosk)``.

    The test module chooses the databases with its ``database_url`` fixture."""
    store = make_store(tmp_path, clock, database_url)
    publish(store, tmp_path, "年度工作要点", "points")
    publish(store, tmp_path, "办事指南", "guide")
    store.build_trust()  # signed now, not inside the kiosk's first request
    try:
        with (
            RunningStore(store) as running,
            Proxy(running.url) as proxy,
            kiosk_at(tmp_path / "kiosk", proxy.url, store, clock) as kiosk,
        ):
            assert kiosk.sync().kind == "snapshot"
            yield store, proxy, kiosk
    finally:
        store.db.close()


@contextlib.contextmanager
def kiosk_at(folder: Path, url: str, store: Store, clock: FakeClock, enroll: str | None = None) -> Iterator[Kiosk]:
    kiosk = Kiosk(folder, url, store, clock, enroll)
    try:
        yield kiosk
    finally:
        kiosk.close()


class ByteCounter:
    """A plain TCP relay on loopback that counts the bytes crossing it, each way.

    What it counts is what a kiosk's network link carries above TCP: request and
    response lines, headers and bodies, exactly as the real client and server wrote them.
    """

    def __init__(self, upstream: str) -> None:
        host, port = upstream.removeprefix("http://").rsplit(":", 1)
        self.upstream = (host, int(port))
        self.streams = {"sent": bytearray(), "received": bytearray()}  # kiosk → store, store → kiosk
        self.connections = 0
        self._lock = threading.Lock()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self._open: list[socket.socket] = []
        self._threads: list[threading.Thread] = []
        self._accepting = threading.Thread(target=self._accept, name="byte-counter", daemon=True)

    @property
    def sent(self) -> int:
        return len(self.streams["sent"])

    @property
    def received(self) -> int:
        return len(self.streams["received"])

    def requests(self) -> list[bytes]:
        """The request lines sent, in order."""
        return [line for line in bytes(self.streams["sent"]).split(b"\r\n") if line.startswith(b"GET ")]

    def statuses(self) -> list[bytes]:
        return [line for line in bytes(self.streams["received"]).split(b"\r\n") if line.startswith(b"HTTP/1.1 ")]

    def reset(self) -> None:
        with self._lock:
            for stream in self.streams.values():
                stream.clear()
            self.connections = 0

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.upstream)
            for s in (client, server):
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._lock:
                self.connections += 1
                self._open += [client, server]
            for source, target, way in ((client, server, "sent"), (server, client, "received")):
                thread = threading.Thread(target=self._pump, args=(source, target, way), daemon=True)
                self._threads.append(thread)
                thread.start()

    def _pump(self, source: socket.socket, target: socket.socket, way: str) -> None:
        try:
            while data := source.recv(65536):
                with self._lock:
                    self.streams[way] += data
                target.sendall(data)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                target.shutdown(socket.SHUT_WR)

    def __enter__(self) -> ByteCounter:
        self._accepting.start()
        return self

    def __exit__(self, *exc) -> None:
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept(); close() alone does not
        self.listener.close()
        with self._lock:
            sockets = list(self._open)
        for s in sockets:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()
        for thread in [self._accepting, *self._threads]:
            thread.join(5)
