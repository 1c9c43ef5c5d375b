"""Rows: the console's item list, approval queue and feedback inbox at N items, against the
bare query.

Fills a store (SQLite in a scratch folder) with N items — a tenth of them submitted, so
the queue is long — and N feedback records (a third resolved, a third overdue), by bulk
inserts of the same rows the workflow and the intake write, starts a real
``kiosk-store serve``, signs in as an approver and asks for each page several times over
one keep-alive connection. The floor is the same listing query run bare through
SQLAlchemy in this process (:func:`kiosk.store.console.listing.list_items`, no HTTP, no
template).
"""

from __future__ import annotations

import re
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks import data  # noqa: F401 (puts the tests' store helpers on the path)
from benchmarks.core import Result, from_rounds, progress

CATEGORIES = ["central-work", "political-study", "organisation", "conduct", "institutions"]
UNITS = ["party-group", "research-office", "foreign-affairs-office", "service-hall-office"]
CADENCES = ["routine", "phased", "ad-hoc"]
PASSWORD = "benchmark password"
START = datetime(2026, 1, 1, tzinfo=UTC)


def fill(store, count: int) -> None:
    from kiosk import signing
    from kiosk.store import accounts, item_index, staff
    from kiosk.store.models import ItemRow, Revision

    for name, role in (("alice", "author"), ("bob", "approver")):
        store.add_user(name, role)
    with store.db.write() as session:
        for name in ("alice", "bob"):
            staff.user(session, name).password_hash = accounts.hash_password(PASSWORD)
        author = staff.user(session, "alice").id
        items, revisions = [], []
        for n in range(count):
            at = START + timedelta(minutes=n)
            content = {
                "id": f"item-{n:05d}",
                "revision": 1,
                "title": f"第{n}号 党务公开事项：年度工作安排与落实情况",
                "summary": "摘要",
                "body": "本年度党务公开工作按计划推进，群众反映良好。" * 40 + f" 编号{n}",
                "category": CATEGORIES[n % 5],
                "unit": UNITS[n % 4],
                "audience": "public",
                "cadence": CADENCES[n % 3],
                "priority": "normal",
                "doc_number": f"市委发〔2026〕{n}号",
                "index_number": f"000014349-2026-{n:05d}",
                "web_url": "",
                "public_from": None,
                "expires_at": None,
                "revised_at": None,
                "attachments": [],
            }
            items.append({"id": content["id"], "created_at": at, "latest_revision": 1})
            revisions.append(
                {
                    "item_id": content["id"],
                    "number": 1,
                    "state": "submitted" if n % 10 == 0 else "draft",
                    "content": signing.canonical_json(content).decode(),
                    "title": content["title"],
                    "audience": "public",
                    "author_id": author,
                    "created_at": at,
                    "submitted_at": at if n % 10 == 0 else None,
                    **item_index.index_columns(content),
                }
            )
        session.execute(ItemRow.__table__.insert(), items)
        session.execute(Revision.__table__.insert(), revisions)
    fill_feedback(store, count)


def fill_feedback(store, count: int) -> None:
    """``count`` records from one kiosk, one a minute, of every kind; every third resolved,
    every third of the rest past its due date, the others not owed an answer or still open."""
    from kiosk import feedback as fb
    from kiosk.store.models import Device, FeedbackRow

    kinds = list(fb.ALL_KINDS)
    ratings = list(fb.RATINGS)
    late = datetime(2026, 12, 1, tzinfo=UTC)  # before the benchmark's "now": overdue
    with store.db.write() as session:
        session.execute(
            Device.__table__.insert(), [{"id": 1, "name": "lobby-1", "token_sha256": "0" * 64, "enrolled_at": START}]
        )
        rows = []
        for n in range(count):
            at = START + timedelta(minutes=n)
            kind = kinds[n % len(kinds)]
            rows.append(
                {
                    "id": f"00000000-0000-4000-8000-{n:012d}",
                    "reference": f"R{n:07d}",
                    "body_sha256": f"{n:064d}",
                    "device_id": 1,
                    "kind": kind,
                    "rating": ratings[n % len(ratings)] if kind == fb.RATING_KIND else None,
                    "text": "" if kind == fb.RATING_KIND else f"第{n}条意见：大厅的指引可以更清楚一些。",
                    "item_id": f"item-{n % max(1, count):05d}",
                    "item_revision": 1,
                    "consent": False,
                    "created_at": at,
                    "received_at": at,
                    "due_at": None if n % 3 == 1 else (late if n % 3 == 2 else at + timedelta(days=3650)),
                    "resolved_at": at + timedelta(days=1) if n % 3 == 0 else None,
                    "resolved_by": "bob" if n % 3 == 0 else None,
                    "resolution": "已答复" if n % 3 == 0 else None,
                }
            )
        session.execute(FeedbackRow.__table__.insert(), rows)


def floor(store, runs: int) -> dict[str, list[float]]:
    from kiosk.store.console.listing import ItemQuery, list_items
    from kiosk.store.feedback import InboxQuery, inbox_page

    queries = {
        "list, page 1": ItemQuery(),
        "list, page 100": ItemQuery(page=100),
        "list, search 〔2026〕77": ItemQuery(search="〔2026〕77"),
        "list, body word": ItemQuery(search="编号9999"),
        "list, common phrase": ItemQuery(search="党务公开工作"),
        "list, search 2 chars": ItemQuery(search="第9"),
        "list, search 1 char": ItemQuery(search="〕"),
        "list, filtered": ItemQuery(category="conduct", unit="party-group", cadence="phased"),
        "queue (submitted filter)": ItemQuery(state="submitted"),
    }
    inbox = {
        "inbox, page 1": InboxQuery(),
        "inbox, page 100": InboxQuery(offset=99 * 50),
        "inbox, overdue": InboxQuery(status="overdue"),
        "inbox, one item's": InboxQuery(item="item-00077"),
    }
    out = {}
    for name, query in queries.items():
        out[name] = _timed(runs, store, list_items, query)
    now = store.clock.now()
    for name, query in inbox.items():
        out[name] = _timed(runs, store, inbox_page, now, query)
    return out


def _timed(runs: int, store, read, *args) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        with store.db.read() as session:
            read(session, *args)
        times.append(time.perf_counter() - t0)
    return times


PAGES = {
    "list, page 1": "/admin/items",
    "list, page 100": "/admin/items?page=100",
    "list, search 〔2026〕77": "/admin/items?q=%E3%80%942026%E3%80%9577",
    "list, body word": "/admin/items?q=%E7%BC%96%E5%8F%B79999",
    # In every item's body: the index narrows nothing, every match is counted.
    "list, common phrase": "/admin/items?q=%E5%85%9A%E5%8A%A1%E5%85%AC%E5%BC%80%E5%B7%A5%E4%BD%9C",
    "list, search 2 chars": "/admin/items?q=%E7%AC%AC9",
    "list, search 1 char": "/admin/items?q=%E3%80%95",
    "list, filtered": "/admin/items?category=conduct&unit=party-group&cadence=phased",
    "queue (submitted filter)": "/admin/queue",
    "inbox, page 1": "/admin/feedback",
    "inbox, page 100": "/admin/feedback?page=100",
    "inbox, overdue": "/admin/feedback?status=overdue",
    "inbox, one item's": "/admin/feedback?item=item-00077",
}


def pages(base: str, runs: int) -> dict[str, list[float]]:
    import requests

    http = requests.Session()
    form = http.get(f"{base}/admin/signin").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    signed = http.post(
        f"{base}/admin/signin", data={"name": "bob", "password": PASSWORD, "csrf_token": token, "next": "/admin/"}
    )
    assert signed.ok and "bob" in signed.text, signed.status_code
    out = {}
    for name, path in PAGES.items():
        http.get(base + path).raise_for_status()  # warm
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            response = http.get(base + path)
            times.append(time.perf_counter() - t0)
            response.raise_for_status()
        out[name] = times
    return out


FAMILY = tuple(f"console {name}" for name in PAGES)


def run(ctx) -> list[Result]:
    """Each page over HTTP from a real ``kiosk-store serve`` (signed in, one keep-alive
    connection), against the floor: the same listing query through SQLAlchemy in this
    process (no HTTP, no template, no session); rounds interleaved."""
    from store_support import StoreCommand

    from kiosk.clock import SystemClock
    from kiosk.store.service import open_store

    work = Path(tempfile.mkdtemp(prefix="bench-console-", dir=ctx.work))
    store = open_store(work / "data", None, work / "keys", clock=SystemClock())
    store.init()
    progress(f"console: filling a store with {ctx.items} items")
    fill(store, ctx.items)
    runs = 5 if ctx.quick else 20
    cmd = StoreCommand(work / "data", work / "keys", None)
    floors: dict[str, list[float]] = {n: [] for n in PAGES}
    served: dict[str, list[float]] = {n: [] for n in PAGES}
    try:
        with cmd.serve() as base:
            for n in range(ctx.rounds):
                progress(f"console: round {n + 1}/{ctx.rounds}")
                for name, times in floor(store, runs).items():
                    floors[name].append(statistics.median(times))
                for name, times in pages(base, runs).items():
                    served[name].append(statistics.median(times))
    finally:
        store.db.close()
    return [
        from_rounds(
            f"console {name}",
            "s",
            "≤ 100 ms",
            floors[name],
            served[name],
            measured_max=0.1,
            note=f"median of {runs} per round",
        )
        for name in PAGES
    ]
