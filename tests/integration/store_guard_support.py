"""Helpers for the hostile-client tests of the store: a store with a published item and
attachment, a real ``serve`` process whose log is kept (to prove nothing reached the
catch-all) and whose memory can be read from /proc, and raw HTTP over a socket."""

from __future__ import annotations

import contextlib
import hashlib
import re
import socket
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from store_support import TEST_PASSWORD, StoreCommand, item_file, publish, read_line, stop

from kiosk.store.guards import CATCH_ALL_MESSAGE
from kiosk.store.service import open_store

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
ASSET_SHA = hashlib.sha256(PNG).hexdigest()


@dataclass
class GuardedStore:
    cmd: StoreCommand
    item_id: str
    token: str = ""

    def api(self):
        return open_store(self.cmd.data, self.cmd.database_url, self.cmd.keys)

    def feed_version(self) -> int:
        store = self.api()
        try:
            return store.feed_version()
        finally:
            store.db.close()

    def feedback_count(self) -> int:
        store = self.api()
        try:
            return len(store.feedback())
        finally:
            store.db.close()


def make_store(tmp_path: Path, database_url: str | None) -> GuardedStore:
    """Three accounts, one published item with a PNG attachment, one enrolled kiosk."""
    cmd = StoreCommand(tmp_path / "data", tmp_path / "keys", database_url)
    store = open_store(cmd.data, database_url, cmd.keys)
    try:
        store.init()
        for name, role in (("alice", "author"), ("bob", "approver")):
            store.add_user(name, role)
        store.add_user("dan", "admin", password=TEST_PASSWORD)  # the command line's tests act as dan
        (tmp_path / "plan.png").write_bytes(PNG)
        item_id = publish(
            store, item_file(tmp_path, "plan", "办事大厅平面图", attachments=["plan.png"], id="hall-plan")
        )
        table = store.enroll("lobby-1", "http://127.0.0.1:1")
    finally:
        store.db.close()
    token = re.search(r'device_token = "([^"]+)"', table).group(1)
    return GuardedStore(cmd=cmd, item_id=item_id, token=token)


@dataclass
class Served:
    base: str
    pid: int
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def assert_nothing_unforeseen(self) -> None:
        text = self.log_text()
        assert CATCH_ALL_MESSAGE not in text and "Traceback" not in text, text[-4000:]

    @property
    def address(self) -> tuple[str, int]:
        parts = urlsplit(self.base)
        return parts.hostname, parts.port


@contextlib.contextmanager
def serve(cmd: StoreCommand, log: Path, *extra: str) -> Iterator[Served]:
    """A real ``serve`` process on a free loopback port, its stderr kept in ``log``."""
    with open(log, "w", encoding="utf-8") as err:
        process = subprocess.Popen(
            cmd.argv("serve", "--host", "127.0.0.1", "--port", "0", *extra),
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
        )
        try:
            line = read_line(process, 30)
            assert line.startswith("listening on http://"), f"unexpected first line {line!r}"
            yield Served(base=line.removeprefix("listening on ").strip(), pid=process.pid, log=log)
        finally:
            stop(process)


def rss_kib(pid: int) -> tuple[int, int]:
    """(current, peak) resident memory of a process in KiB, from /proc."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0])
    return values["VmRSS"], values["VmHWM"]


def read_answer(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection (or resets it)."""
    received = bytearray()
    with contextlib.suppress(ConnectionResetError):
        while chunk := sock.recv(65536):
            received += chunk
    return bytes(received)


def status_of(answer: bytes) -> int | None:
    match = re.match(rb"HTTP/1\.1 (\d{3}) ", answer)
    return int(match.group(1)) if match else None
