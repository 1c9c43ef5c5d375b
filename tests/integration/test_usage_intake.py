"""``POST /v1/usage`` on a real store process: the kiosk's hours arrive once, replays get
the same answer, and hostile batches get a clear 4xx, never a 5xx, with nothing stored."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
import requests
from feedback_support import make_store, serving
from store_support import database_url  # noqa: F401 (fixture)

from kiosk import playlog, usage, usage_wire
from kiosk.sync.transport import StoreClient
from kiosk.sync.usage_upload import UsageUploader
from kiosk.usage_outbox import UsageOutbox

pytestmark = pytest.mark.e2e
HOUR = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) - timedelta(hours=3)
H = HOUR.isoformat()


class Clock:
    def __init__(self, now: datetime) -> None:
        self.at = now

    def now(self) -> datetime:
        return self.at


def post(http, base, token, data) -> requests.Response:
    raw = data if isinstance(data, bytes) else json.dumps(data, ensure_ascii=False).encode("utf-8")
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    return http.post(f"{base}/v1/usage", data=raw, headers=headers, timeout=30)


def summary(store):
    api = store.api()
    try:
        return api.usage_summary(HOUR - timedelta(days=1), HOUR + timedelta(days=1))
    finally:
        api.db.close()


def test_the_kiosks_hours_reach_the_store_once(tmp_path, database_url):
    store = make_store(tmp_path, database_url)
    state = tmp_path / "state"
    clock = Clock(HOUR + timedelta(minutes=10))
    counts, log, outbox = usage.Usage(state), playlog.PlayLog(state, clock), UsageOutbox(state)
    for _ in range(7):
        counts.new_visit()
        counts.count("item-opened", store.item_id, clock.now())
        counts.count("search-not-found", "社保卡补办", clock.now())
    counts.count("search-not-found", "张三", clock.now())  # one visit: never leaves
    log.show("slide", item=store.item_id, revision=1, page=1)
    clock.at += timedelta(minutes=30)
    log.show("blank")
    clock.at += timedelta(minutes=30)  # 00:10 into the next hour
    log.show("slide", item=store.item_id, revision=1, page=1)
    with serving(store) as base, requests.Session() as http:
        client = StoreClient(base, store.token, timeout=10)
        uploader = UsageUploader(client, outbox, threshold=5, clock=clock)
        first = uploader.run(force=True)
        assert (first.sent, first.error) == (2, None)  # the hour's counts and its play time
        assert uploader.run(force=True).sent == 0  # nothing twice
        batch = json.loads(outbox._db.execute("SELECT body FROM batches WHERE kind = 'use'").fetchone()[0])
        again = post(http, base, store.token, batch)
        assert again.status_code == 200 and again.json()["id"] == usage_wire.batch_id("use", H)
        changed = post(http, base, store.token, {**batch, "cells": batch["cells"][:1]})
        assert changed.status_code == 409 and changed.json()["code"] == usage_wire.REFUSAL_CONFLICT
        assert post(http, base, "not-a-token", batch).status_code == 401
        client.close()
    counts.close()
    outbox.close()
    found = summary(store)
    shown = {"category": "central-work", "seconds": 1800.0, "revisions": {1: 1800.0}}
    assert found["display"] == {store.item_id: shown}
    # The blank ran 20 minutes into this hour; the next hour is not over for the log yet.
    assert (found["blank_seconds"], found["category_seconds"]) == (1200.0, {"central-work": 1800.0})
    assert found["counts"]["item-opened"] == {store.item_id: {"count": 7, "suppressed": 0}}
    assert found["searches_not_found"] == {"社保卡补办": {"count": 7, "suppressed": 0}}
    assert found["counts"]["search-not-found"][None] == {"count": 0, "suppressed": 1}


def test_a_clock_set_back_brings_every_second_of_the_wall_once(tmp_path, database_url):
    # The wall shows an item for an hour, the clock is set back by an hour (NTP after a bad
    # start), and the wall goes on: the first hour was sealed and sent before the log speaks
    # of it again, and the second holds 70 minutes by the log's times.
    store = make_store(tmp_path, database_url)
    state = tmp_path / "state"
    clock = Clock(HOUR + timedelta(minutes=10))
    log, outbox = playlog.PlayLog(state, clock), UsageOutbox(state)
    log.show("slide", item=store.item_id, revision=1, page=1)
    clock.at += timedelta(minutes=60)  # 01:10: 50 minutes in the first hour, 10 in the second
    log.show("blank")
    with serving(store) as base:
        client = StoreClient(base, store.token, timeout=10)
        uploader = UsageUploader(client, outbox, threshold=5, clock=clock)
        assert uploader.run(force=True).sent == 1  # the first hour
        clock.at -= timedelta(hours=1)  # 00:10 again: the blank ran 0 s
        log.show("slide", item=store.item_id, revision=1, page=1)
        clock.at += timedelta(minutes=80)  # 01:30: 50 more minutes of the first hour, 30 of the second
        log.show("blank")
        clock.at += timedelta(minutes=40)  # 02:10: the second hour over, with 10 + 30 + 30 minutes
        log.show("off-hours")
        second = uploader.run(force=True)
        assert (second.sent, second.error) == (3, None), second
        client.close()
    outbox.close()
    seconds = {b["id"]: sum(s["seconds"] for s in b["spans"]) for b in map(json.loads, _bodies(state, "play"))}
    later = (HOUR + timedelta(hours=1)).isoformat()
    assert seconds == {f"play/{H}": 3000.0, f"play/{H}/2": 3000.0, f"play/{later}": 3600.0, f"play/{later}/2": 600.0}
    found = summary(store)
    assert found["display"][store.item_id]["seconds"] == (60 + 80) * 60.0  # both slides whole
    assert found["blank_seconds"] == 30 * 60.0 and found["uploads"] == 4  # its last 10 minutes: an open hour


def _bodies(state, kind) -> list[bytes]:
    db = usage.connect(state)
    try:
        return [row[0] for row in db.execute("SELECT body FROM batches WHERE kind = ? ORDER BY id", (kind,))]
    finally:
        db.close()


def _use(**changes) -> dict:
    return {
        "id": f"use/{H}",
        "kind": "use",
        "hour": H,
        "threshold": 5,
        "cells": [{"metric": "item-opened", "key": "a", "count": 6}],
        **changes,
    }


def _play(spans) -> dict:
    return {"id": f"play/{H}", "kind": "play", "hour": H, "spans": spans}


HOSTILE = [
    (b"\xff\xfe not json", 400),
    (b"[1, 2]", 422),
    (_use(kind="visitors"), 422),
    (_use(id="use/other"), 422),
    (_use(hour="2026-12-02T06:30:00+00:00", id="use/2026-12-02T06:30:00+00:00"), 422),
    (_use(hour="2026-12-02T14:00:00+08:00", id="use/2026-12-02T14:00:00+08:00"), 422),
    (_use(hour="9999-12-30T00:00:00+00:00", id="use/9999-12-30T00:00:00+00:00"), 422),
    (_use(hour="2001-01-01T00:00:00+00:00", id="use/2001-01-01T00:00:00+00:00"), 422),
    (_use(threshold=1), 422),
    (_use(cells=[{"metric": "item-opened", "key": "a", "count": 3}]), 422),  # small, not suppressed
    (_use(cells=[{"metric": "item-opened", "key": "a", "count": "< 2"}]), 422),
    (_use(cells=[{"metric": "visitor-name", "key": "张三", "count": 6}]), 422),
    (_use(cells=[{"metric": "item-opened", "key": None, "count": 6}]), 422),
    (_use(cells=[{"metric": "item-opened", "key": "a\x00", "count": 6}]), 422),
    (_use(cells=[{"metric": "item-opened", "key": "a", "count": 2**31}]), 422),
    (_use(cells=[{"metric": "item-opened", "key": "a", "count": 6, "name": "张三"}]), 422),
    (_use(cells=[{"metric": "item-opened", "key": "a", "count": 6}] * (usage_wire.MAX_CELLS + 1)), 422),
    (b'{"id": "' + b"a" * 600_000 + b'"}', 413),
    (_play([{"what": "slide", "item": None, "revision": None, "seconds": 5}]), 422),
    (_play([{"what": "blank", "item": "a", "revision": 1, "seconds": 5}]), 422),
    (_play([{"what": "blank", "item": None, "revision": None, "seconds": 3000}] * 2), 422),
    (_play([{"what": "blank", "item": None, "revision": None, "seconds": -1}]), 422),
    (_play([{"what": "slide", "item": "a", "revision": 1, "seconds": "NaN"}]), 422),
    (_play([{"what": "slide", "item": "../../etc", "revision": 1, "seconds": 5}]), 422),
    ({**_play([]), "id": f"play/{H}/2"}, 422),  # a later part says which
    ({**_play([]), "part": 1}, 422),  # the first part is the plain batch
    ({**_play([]), "id": f"play/{H}/3", "part": 2}, 422),
    ({**_play([]), "id": f"play/{H}/1001", "part": 1001}, 422),
    ({**_use(), "id": f"use/{H}/2", "part": 2}, 422),  # use counts have no parts
]
#: The code each refusal carries (kiosk.usage_wire): 400 is retried, the rest set aside.
CODES = {400: usage_wire.REFUSAL_NOT_JSON, 413: usage_wire.REFUSAL_TOO_LARGE, 422: usage_wire.REFUSAL_INVALID}


def test_hostile_batches_get_a_clear_refusal_and_nothing_is_stored(tmp_path):
    store = make_store(tmp_path)
    with serving(store) as base, requests.Session() as http:
        for data, status in HOSTILE:
            answer = post(http, base, store.token, data)
            assert answer.status_code == status, (data if isinstance(data, bytes) else str(data)[:200], answer.text)
            detail = answer.json()["detail"]
            assert isinstance(detail, str) and "\n" not in detail and "Traceback" not in detail
            # The code is what makes the kiosk set the batch aside instead of retrying it forever.
            assert answer.json().get("code") == CODES[status], (status, answer.text)
        assert post(http, base, store.token, _use()).status_code == 200  # the store still takes a good one
    found = summary(store)
    assert found["counts"] == {"item-opened": {"a": {"count": 6, "suppressed": 0}}} and found["display"] == {}
