"""The demo's own central store: the demo pack published through the real workflow.

``kiosk demo`` shows the whole system on one computer. It prepares a store under the
kiosk's state directory — three accounts (an author, an approver with a key pair, an
administrator), every item of the demo pack added, submitted, approved with the
approver's key and published — then serves it on 127.0.0.1 from a child process, and the
kiosk syncs from it like any kiosk in a lobby. The store keeps the pack's internal and
not-yet-public items out of its feed, as it would any others.

The store is prepared once per version of the pack; later starts only serve it.
"""

from __future__ import annotations

import logging
import os
import selectors
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

from kiosk import demo
from kiosk.config import StoreConfig

log = logging.getLogger(__name__)

AUTHOR, APPROVER, ADMIN = "demo-author", "demo-approver", "demo-admin"
#: How long the store process may take to start listening.
START_TIMEOUT = 60.0


class DemoStoreError(RuntimeError):
    """The demo store could not be prepared or started; the message says why."""


def prepare(state_dir: Path) -> Path:
    """The demo store's data directory, with the current pack published in it."""
    data = state_dir / "demo-store"
    fingerprint = demo.fingerprint()
    marker = data / "pack-fingerprint"
    if marker.is_file() and marker.read_text().strip() == fingerprint:
        return data
    if data.exists():
        shutil.rmtree(data)  # an older pack: start again rather than edit item by item
    started = time.monotonic()
    from kiosk.store.service import open_store

    store = open_store(data, None, data / "keys")
    try:
        store.init(url="http://127.0.0.1:0")
        store.add_user(AUTHOR, "author")
        store.add_user(APPROVER, "approver")
        store.add_user(ADMIN, "admin")
        files = demo.pack_files()
        for n, path in enumerate(files, 1):
            item_id = store.add_item(path, AUTHOR)
            store.submit(item_id, AUTHOR)
            store.approve(item_id, APPROVER)
            store.publish(item_id, ADMIN)
            if n % 10 == 0 or n == len(files):
                log.info("demo store: %d/%d items published", n, len(files))
        table = store.enroll("demo-kiosk")
    finally:
        store.db.close()
    # The enrolment holds the device token: readable by this user only.
    enrolment = data / "kiosk-store.toml"
    enrolment.write_text(table, encoding="utf-8")
    os.chmod(enrolment, 0o600)
    marker.write_text(fingerprint)
    log.info("demo store prepared in %.1f s: %s", time.monotonic() - started, data)
    return data


@dataclass
class DemoStore:
    """A running demo store: a ``kiosk-store serve`` child process on 127.0.0.1."""

    process: subprocess.Popen
    url: str
    store: StoreConfig

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


def start(state_dir: Path) -> DemoStore:
    """Prepare the demo store if needed and serve it; the kiosk's [store] settings for it."""
    try:
        data = prepare(state_dir)
    except Exception as exc:
        raise DemoStoreError(f"cannot prepare the demo store in {state_dir / 'demo-store'}: {exc}") from exc
    command = [sys.executable, "-m", "kiosk.store", "--data", str(data), "--keys", str(data / "keys"),
               "serve", "--host", "127.0.0.1", "--port", "0"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    url = _read_url(process)
    with open(data / "kiosk-store.toml", "rb") as f:
        table = tomllib.load(f)["store"]
    store = StoreConfig(url=url, store_key=table["store_key"], approver_keys=tuple(table["approver_keys"]),
                        device_token=table["device_token"], poll_interval=30.0)
    log.info("demo store serving at %s", url)
    return DemoStore(process=process, url=url, store=store)


def _read_url(process: subprocess.Popen) -> str:
    """The URL from the store's "listening on …" line, or an error if it never comes."""
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + START_TIMEOUT
    try:
        while time.monotonic() < deadline:
            if not selector.select(timeout=deadline - time.monotonic()):
                break
            line = process.stdout.readline()
            if not line:
                break  # the process ended
            if line.startswith("listening on "):
                return line.split(" ", 2)[2].strip()
    finally:
        selector.close()
    process.kill()
    process.wait()
    raise DemoStoreError("the demo store did not start (run kiosk-store serve by hand to see why)")
