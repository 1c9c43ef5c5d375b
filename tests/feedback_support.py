"""Helpers for the opinion box's tests: a real store with one published item and an
enrolled kiosk, the kiosk's configuration, and reading the store's feedback back."""

from __future__ import annotations

import contextlib
import json
import re
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

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
        lines = [f'state_dir = "{self.tmp / "state"}"', self.table.replace(
            "[store]", "[store]\ntimeout = 2.0\npoll_interval = 3600")]
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
