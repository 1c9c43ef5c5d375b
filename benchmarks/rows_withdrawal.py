"""Row: withdrawal, from the store's commit to the item gone from both screens' rendered frames.

A real ``kiosk-store serve`` on 127.0.0.1 (SQLite) and, in a child process
(:mod:`benchmarks.qt_withdrawal`), the kiosk's real touch screen and wall, offscreen,
syncing from it with their own long-poll. Each round publishes one item (the whole
catalogue, so the wall's only slide and the touch list's only row), waits until both
windows' frames draw its title, lets the kiosk's next long-poll reach the store, then
withdraws it through the store's own service (as its command line does). Measured:
from just after the withdrawal's commit returns to the later of the two windows' first
frames without the title (CLOCK_MONOTONIC, the same clock in both processes).

The floor, on the same commit: a bare client holding the same ``/v2/wait`` long-poll
beside the kiosk, timed to its answer — the store's wake-up alone, without the kiosk's
signed-metadata fetch, verification, apply and render.
"""

from __future__ import annotations

import json
import queue
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks import data
from benchmarks.core import Result, from_rounds, not_measured, percentile, progress

FAMILY = ("withdrawal to gone",)
TARGET = "p99 ≤ 250 ms"
ROLES = ("touch", "signage")
#: Seconds to wait for the kiosk to show an item or drop it before giving up on the run.
PATIENCE = 60.0


class Screens:
    """The child's FRAME lines, read on a thread: per window, the rounds its last frame drew
    and when each round last left it."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.process = process
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.drawn: dict[str, frozenset[int]] = {role: frozenset() for role in ROLES}
        self.left: dict[tuple[str, int], float] = {}
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def until(self, done, what: str) -> None:
        """Read lines until ``done()`` holds."""
        deadline = time.monotonic() + PATIENCE
        while not done():
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise RuntimeError(f"the kiosk did not {what} within {PATIENCE:.0f} s") from None
            if line is None:
                raise RuntimeError(f"the kiosk's child exited ({self.process.wait()}) before it could {what}")
            if line.startswith("FRAME "):
                _, role, at, rounds = line.split(" ", 3)
                now = frozenset(int(n) for n in rounds.split(",") if n.strip())
                for gone in self.drawn[role] - now:
                    self.left[(role, gone)] = float(at)
                self.drawn[role] = now

    def showing(self, n: int) -> bool:
        return all(n in self.drawn[role] for role in ROLES)

    def gone(self, n: int) -> bool:
        return all(n not in self.drawn[role] for role in ROLES)


def hold_wait(base: str, token: str, since: int) -> tuple[threading.Thread, list[float]]:
    """A bare client holding ``GET /v2/wait`` (raw socket, no library): the monotonic time
    its answer's first bytes arrive goes into the returned list."""
    parts = urlsplit(base)
    sock = socket.create_connection((parts.hostname, parts.port))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.sendall(
        f"GET /v2/wait?since={since}&wait=60 HTTP/1.1\r\nHost: {parts.netloc}\r\n"
        f"Authorization: Bearer {token}\r\nConnection: close\r\n\r\n".encode()
    )
    answered: list[float] = []

    def wait() -> None:
        with sock:
            first = sock.recv(65536)
            answered.append(time.monotonic())
            if not first.startswith(b"HTTP/1.1 200"):
                answered[-1] = float("inf")  # no answer naming a new version: never woken

    thread = threading.Thread(target=wait, daemon=True)
    thread.start()
    return thread, answered


def run(ctx) -> list[Result]:
    from store_support import item_file

    from benchmarks.rows_qt import SOFTWARE, child_env
    from kiosk.store.service import open_store
    from kiosk.sync.jobs import MIN_LONG_POLL_SPACING

    rounds = 5 if ctx.quick else max(20, ctx.rounds)
    work = Path(tempfile.mkdtemp(prefix="bench-withdrawal-", dir=ctx.work))
    progress("withdrawal: building a store")
    # The bulk builder needs one item; it leaves at once, so each round's item is the catalogue.
    built = data.build_store(work / "store", 1)
    token = built.store_table["device_token"]
    store = open_store(built.cmd.data, None, built.cmd.keys)
    store.withdraw(built.items[0].id, "dan")
    floors: list[float] = []
    measured: list[float] = []
    each: dict[str, list[float]] = {role: [] for role in ROLES}
    try:
        with built.cmd.serve() as base, (work / "child.log").open("w") as log:
            # Only the long-poll: an interval poll would sometimes be the one that finds the change.
            table = dict(built.store_table, url=base, poll_interval=3600)
            args = {"state": str(work / "kiosk"), "store": table}
            child = subprocess.Popen(
                [sys.executable, "-m", "benchmarks.qt_withdrawal", json.dumps(args)],
                env=child_env(SOFTWARE),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
            )
            screens = Screens(child)
            try:
                for n in range(rounds):
                    progress(f"withdrawal: round {n + 1}/{rounds} publishing")
                    assert child.stdin is not None
                    child.stdin.write("list\n")
                    child.stdin.flush()
                    path = item_file(work, f"withdraw-{n}", f"撤回测试第{n}号", id=f"withdraw-{n}")
                    item_id = store.add_item(path, "alice")
                    store.submit(item_id, "alice")
                    store.approve(item_id, "bob")
                    store.publish(item_id, "dan")
                    screens.until(lambda n=n: screens.showing(n), f"show round {n}'s item on both screens")
                    # A driver, not a test: the kiosk spaces its long-polls by at least this
                    # much, so after it the next one is held at the store, as in steady state.
                    time.sleep(MIN_LONG_POLL_SPACING + 0.3)
                    waiter, answered = hold_wait(base, token, store.feed_version())
                    time.sleep(0.2)  # the bare request at the store before the commit
                    progress(f"withdrawal: round {n + 1}/{rounds} withdrawing")
                    store.withdraw(item_id, "dan")
                    committed = time.monotonic()
                    screens.until(lambda n=n: screens.gone(n), f"drop round {n}'s item from both screens")
                    waiter.join(PATIENCE)
                    floors.append((answered[0] if answered else float("inf")) - committed)
                    for role in ROLES:
                        each[role].append(screens.left[(role, n)] - committed)
                    measured.append(max(each[role][-1] for role in ROLES))
            finally:
                if child.stdin is not None:
                    child.stdin.close()
                try:
                    child.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()
    finally:
        store.db.close()
    early = [m for m in measured if m < 0]
    if early:  # a title that left a frame before the commit: the round measured something else
        return [not_measured(FAMILY[0], "s", TARGET, f"{len(early)} round(s) lost the item before the commit")]
    result = from_rounds(
        FAMILY[0],
        "s",
        TARGET,
        [percentile(floors, 0.99)],
        [percentile(measured, 0.99)],
        measured_max=0.25,
        note=(
            f"p99 of {rounds} withdrawals, both windows, SQLite store; "
            f"median {percentile(measured, 0.5) * 1000:.0f} ms (floor {percentile(floors, 0.5) * 1000:.0f} ms); "
            + "".join(f"{role} median {percentile(each[role], 0.5) * 1000:.0f} ms; " for role in ROLES)
            + "floor: a bare client's held /v2/wait answer, same commit"
        ),
    )
    result.spread = (
        f"m {min(measured) * 1000:.0f}–{max(measured) * 1000:.0f} ms / "
        f"f {min(floors) * 1000:.0f}–{max(floors) * 1000:.0f} ms (n={rounds})"
    )
    result.extra = {"median": percentile(measured, 0.5), "floor_median": percentile(floors, 0.5)}
    return [result]
