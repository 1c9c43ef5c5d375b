"""Helpers for the opinion box's tests: a real store with one published item and an
enrolled kiosk, the kiosk's configuration, reading the store's feedback back, and a proxy
that counts what the store acknowledged over HTTP."""

from __future__ import annotations

import contextlib
import http.client
import json
import re
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from http_support import LoopbackServer, QuietHandler
from store_support import StoreCommand, item_file, publish

from kiosk import config as config_module
from kiosk.store.service import open_store


@dataclass
class FeedbackStore:
    cmd: StoreCommand
    tmp: Path
    item_id: str
    #: The ``[store]`` table printed by ``device enroll`` (URL filled in by :meth:`serving`).
    url: str = ""
    token: str = ""
    table: str = ""

    def enroll(self, url: str, name: str = "lobby-1") -> None:
        self.url = url
        store = self.api()
        try:
            self.table = store.enroll(name, url)
        finally:
            store.db.close()
        self.token = re.search(r'device_token = "([^"]+)"', self.table).group(1)

    def config_text(self, **feedback) -> str:
        lines = [
            f'state_dir = "{self.tmp / "state"}"',
            self.table.replace("[store]", "[store]\ntimeout = 2.0\npoll_interval = 3600"),
        ]
        if feedback:
            lines.append("[feedback]")
            lines += [f"{k} = {json.dumps(v)}" for k, v in feedback.items()]
        lines.append('[contact]\nemail = "gongkai@example.gov.cn"\ntelephone = "0931-12345678"')
        return "\n".join(lines) + "\n"

    def config(self, **feedback):
        path = self.tmp / "kiosk.toml"
        path.write_text(self.config_text(**feedback), encoding="utf-8")
        return config_module.load(path)

    def api(self):
        return open_store(self.cmd.data, self.cmd.database_url, self.cmd.keys)

    def records(self) -> list[dict]:
        """Every record at the store, contact data included (what ``feedback show`` prints)."""
        store = self.api()
        try:
            return [store.feedback_record(r["id"]) for r in store.feedback()]
        finally:
            store.db.close()


def make_store(tmp_path: Path, database_url: str | None = None) -> FeedbackStore:
    """A store with three accounts and one published item, set up through the Python API
    (the command line costs a second per call; its own tests cover it)."""
    cmd = StoreCommand(tmp_path / "data", tmp_path / "keys", database_url)
    store = open_store(cmd.data, database_url, cmd.keys)
    try:
        store.init()
        for name, role in (("alice", "author"), ("bob", "approver"), ("dan", "admin")):
            store.add_user(name, role)
        item_id = publish(store, item_file(tmp_path, "notice", "政务大厅服务时间调整", id="hall-hours"))
    finally:
        store.db.close()
    return FeedbackStore(cmd=cmd, tmp=tmp_path, item_id=item_id)


def free_port() -> int:
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serving(store: FeedbackStore, *extra: str) -> Iterator[str]:
    """Serve the store, enrolling the kiosk on first use; yields the base URL."""
    with store.cmd.serve(*extra) as base:
        if not store.token:
            store.enroll(base)
        yield base


def files_holding(folder: Path, *needles: str) -> list[str]:
    """Files under ``folder`` (WAL and SHM included) whose bytes contain any needle (UTF-8)."""
    found = []
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if any(n.encode("utf-8") in data for n in needles):
                found.append(path.name)
    return found


# -- counting what the store acknowledged, at the HTTP layer ------------------------------


@dataclass(frozen=True)
class Upload:
    """One ``POST /v1/feedback`` that went through the proxy, with the store's answer."""

    record_id: str | None
    status: int
    answer: dict | None
    #: The proxy's clock just before it forwarded the request and just after the answer came.
    sent_at: datetime
    answered_at: datetime

    @property
    def acknowledged_as_new(self) -> bool:
        """The store stored the record during this very request (its receipt time lies inside it).

        A replay is answered with the first receipt's time, which is before the replay was sent.
        """
        if self.status != 200 or self.answer is None:
            return False
        received = datetime.fromisoformat(self.answer["received_at"])
        return self.sent_at <= received <= self.answered_at


class CountingProxy:
    """A plain HTTP proxy on loopback in front of a store, recording every feedback upload.

    The store's table has one row per id whatever happens, so it cannot show a record
    that was accepted twice; what went over the wire can. The proxy forwards each request
    on a fresh connection and records the store's answer even when the kiosk that asked
    was killed before reading it (the case that makes the next run send it again).
    """

    def __init__(self, upstream: str) -> None:
        self.upstream = urlsplit(upstream)
        self.uploads: list[Upload] = []
        self._lock = threading.Lock()
        self._server: LoopbackServer | None = None

    @property
    def url(self) -> str:
        return self._server.url

    def start(self) -> CountingProxy:
        proxy = self

        class Handler(_ProxyHandler):
            pass

        Handler.proxy = proxy
        self._server = LoopbackServer(Handler).start("counting-proxy")
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop(timeout=10)
            self._server = None

    def record(self, upload: Upload) -> None:
        with self._lock:
            self.uploads.append(upload)

    def by_id(self) -> dict[str, list[Upload]]:
        found: dict[str, list[Upload]] = {}
        with self._lock:
            for upload in self.uploads:
                found.setdefault(upload.record_id, []).append(upload)
        return found


_HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"}


class _ProxyHandler(QuietHandler):
    proxy: CountingProxy

    def do_GET(self) -> None:  # noqa: N802 (http.server calls it by this name)
        self._forward()

    def do_POST(self) -> None:  # noqa: N802 (http.server calls it by this name)
        self._forward()

    def _forward(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if len(body) < length:  # the kiosk died while sending: nothing reaches the store
            self.close_connection = True
            return
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP | {"host"}}
        upstream = self.proxy.upstream
        conn = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=30)
        sent_at = datetime.now(UTC)
        try:
            conn.request(self.command, self.path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            answered_at = datetime.now(UTC)
            status, reply_headers = response.status, response.getheaders()
        finally:
            conn.close()
        if self.command == "POST" and urlsplit(self.path).path == "/v1/feedback":
            self.proxy.record(
                Upload(
                    record_id=_record_id(body),
                    status=status,
                    answer=_json_or_none(data),
                    sent_at=sent_at,
                    answered_at=answered_at,
                )
            )
        try:
            self.send_response(status)
            for name, value in reply_headers:
                if name.lower() not in _HOP_BY_HOP | {"content-length"}:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:  # the kiosk was killed before it read the answer
            self.close_connection = True


def _record_id(body: bytes) -> str | None:
    found = _json_or_none(body)
    return found.get("id") if isinstance(found, dict) else None


def _json_or_none(data: bytes):
    try:
        return json.loads(data)
    except ValueError:
        return None
