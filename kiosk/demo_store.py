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

import importlib.util
import logging
import os
import selectors
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kiosk import demo, itemfile
from kiosk.catalog import default_catalog
from kiosk.clock import FakeClock
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

    # The store's clock is set to each item's own dates from the pack, so the demo shows
    # them as published (and revised) when the pack says, through the same workflow.
    events = _events(demo.pack_files())
    clock = FakeClock(events[0][0] if events else datetime.now(UTC))
    store = open_store(data, None, data / "keys", clock=clock)
    try:
        store.init(url="http://127.0.0.1:0")
        store.add_user(AUTHOR, "author")
        store.add_user(APPROVER, "approver")
        store.add_user(ADMIN, "admin")
        ids: dict[Path, str] = {}
        for n, (when, path) in enumerate(events, 1):
            clock.set(when)
            if path in ids:  # a later revision: edited, then approved and published again
                store.edit_item(ids[path], path, AUTHOR)
            else:
                ids[path] = store.add_item(path, AUTHOR)
            store.submit(ids[path], AUTHOR)
            store.approve(ids[path], APPROVER)
            store.publish(ids[path], ADMIN)
            if n % 10 == 0 or n == len(events):
                log.info("demo store: %d/%d publications", n, len(events))
        clock.set(max(datetime.now(UTC), clock.now()))
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


def _events(files: list[Path]) -> list[tuple[datetime, Path]]:
    """(instant, file) for every publication the pack describes, oldest first."""
    catalog = default_catalog()
    now = datetime.now(UTC)
    events = []
    for path in files:
        fields = itemfile.read(path, catalog).fields
        published = fields.get("published_at") or now
        events.append((published, path))
        if fields.get("revised_at") and fields["revised_at"] > published:
            events.append((fields["revised_at"], path))
    return sorted(events, key=lambda e: (e[0], str(e[1])))


@dataclass
class DemoStore:
    """A running demo store: a ``kiosk-store serve`` child process on 127.0.0.1."""

    process: subprocess.Popen[str]
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


#: What the store part (``pip install ".[store]"``) brings, by import name.
STORE_PART = ("fastapi", "uvicorn", "alembic", "psycopg")


def missing_store_part() -> list[str]:
    """The modules of the store part that are not installed (none: the demo can serve)."""
    return [name for name in STORE_PART if importlib.util.find_spec(name) is None]


def start(state_dir: Path) -> DemoStore:
    """Prepare the demo store if needed and serve it; the kiosk's [store] settings for it."""
    missing = missing_store_part()
    if missing:
        raise DemoStoreError(
            f"the demo's central store needs the store part, which is not installed "
            f'(no {", ".join(missing)}: pip install ".[store]")'
        )
    try:
        data = prepare(state_dir)
    except Exception as exc:
        raise DemoStoreError(f"cannot prepare the demo store in {state_dir / 'demo-store'}: {exc}") from exc
    command = [
        sys.executable,
        "-m",
        "kiosk.store",
        "--data",
        str(data),
        "--keys",
        str(data / "keys"),
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        "0",
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    url = _read_url(process)
    with open(data / "kiosk-store.toml", "rb") as f:
        table = tomllib.load(f)["store"]
    store = StoreConfig(
        url=url,
        store_key=table["store_key"],
        approver_keys=tuple(table["approver_keys"]),
        device_token=table["device_token"],
        poll_interval=30.0,
    )
    log.info("demo store serving at %s", url)
    return DemoStore(process=process, url=url, store=store)


def _read_url(process: subprocess.Popen[str]) -> str:
    """The URL from the store's "listening on …" line, or an error if it never comes."""
    stdout = process.stdout
    assert stdout is not None  # started with stdout=PIPE
    selector = selectors.DefaultSelector()
    selector.register(stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + START_TIMEOUT
    try:
        while time.monotonic() < deadline:
            if not selector.select(timeout=deadline - time.monotonic()):
                break
            line = stdout.readline()
            if not line:
                break  # the process ended
            if line.startswith("listening on "):
                return line.split(" ", 2)[2].strip()
    finally:
        selector.close()
    process.kill()
    process.wait()
    raise DemoStoreError("the demo store did not start (run kiosk-store serve by hand to see why)")
