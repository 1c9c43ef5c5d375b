"""Rows: one publication fanned out to K long-polling kiosks on one store process.

The kiosks are cheap simulated clients (one asyncio connection each, in this process):
each holds ``GET /v2/wait?since=V&wait=60``, the wake-up hint a kiosk long-polls. A
client "holds the new version" when its answer names a version past V (a real kiosk
then fetches the signed metadata and the one item: the sync rows measure that part).
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks import data
from benchmarks.core import Result, from_rounds, median, percentile, progress

FAMILY = ("fan-out p99", "store RSS holding long-polls")


async def hold(base: str, target: str, headers: str, count: int, release) -> list[float]:
    """``count`` held requests; seconds from ``release()`` returning to each answer."""
    parts = urlsplit(base)
    request = f"GET {target} HTTP/1.1\r\nHost: {parts.netloc}\r\n{headers}Connection: close\r\n\r\n".encode()
    released = asyncio.Event()
    at: list[float] = []

    async def one() -> None:
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        writer.write(request)
        await writer.drain()
        answer = await reader.read()
        await released.wait()
        if answer.startswith(b"HTTP/1.1 200") and b'"version"' in answer:
            at.append(time.perf_counter())
        writer.close()

    tasks = [asyncio.create_task(one()) for _ in range(count)]
    await asyncio.sleep(0.5 + count / 500)  # a driver: let every request reach the server
    await asyncio.to_thread(release)
    started = time.perf_counter()
    released.set()
    await asyncio.gather(*tasks)
    return [t - started for t in at]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def serve(argv: list[str]) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    return process, process.stdout.readline().removeprefix("listening on ").strip()


def run(ctx) -> list[Result]:
    from store_support import item_file

    from kiosk.store.service import open_store

    kiosks = 100 if ctx.quick else 1_000
    work = Path(tempfile.mkdtemp(prefix="bench-fanout-", dir=ctx.work))
    progress("fan-out: building a store")
    built = data.build_store(work / "store", 20)
    store = open_store(built.cmd.data, None, built.cmd.keys)
    ids = []
    for n in range(ctx.rounds):
        item_id = store.add_item(item_file(work, f"fan-{n}", f"通知第{n}号", id=f"fan-{n}"), "alice")
        store.submit(item_id, "alice")
        store.approve(item_id, "bob")
        ids.append(item_id)
    token = built.store_table["device_token"]
    server, base = serve(built.cmd.argv("serve", "--host", "127.0.0.1", "--port", "0"))
    bare, bare_base = serve([sys.executable, "-m", "benchmarks.bare_waiter"])
    floors, measured, held_rss, store_idle = [], [], [], rss_mb(server.pid)
    try:
        for n, item_id in enumerate(ids):
            progress(f"fan-out: round {n + 1}/{ctx.rounds} floor ({kiosks} held)")

            def go() -> None:
                import requests

                requests.get(f"{bare_base}/go", timeout=30)

            times = asyncio.run(hold(bare_base, "/wait", "", kiosks, go))
            floors.append(percentile(times, 0.99) if len(times) == kiosks else float("inf"))
            progress(f"fan-out: round {n + 1}/{ctx.rounds} measured ({kiosks} held)")
            since = store.feed_version()
            rss = []

            def publish(item_id=item_id, rss=rss) -> None:
                rss.append(rss_mb(server.pid))
                store.publish(item_id, "dan")

            times = asyncio.run(
                hold(base, f"/v2/wait?since={since}&wait=60", f"Authorization: Bearer {token}\r\n", kiosks, publish)
            )
            held_rss += rss
            # A client left without the version counts as never updated.
            measured.append(percentile(times, 0.99) if len(times) == kiosks else float("inf"))
    finally:
        store.db.close()
        for process in (server, bare):
            process.terminate()
            process.wait(timeout=10)
    note = f"{kiosks} simulated kiosks; floor: a bare asyncio server releasing as many held GETs"
    return [
        from_rounds("fan-out p99", "s", "p99 ≤ 2 s", floors, measured, measured_max=2, note=note),
        from_rounds(
            "store RSS holding long-polls",
            "MB",
            "reported",
            [store_idle],
            [median(held_rss)],
            note=f"floor: the same store process idle; {kiosks} held",
        ),
    ]
