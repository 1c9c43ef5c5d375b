"""The outbox of anonymous use: an hour is sealed once it is over, into the bytes that leave
the kiosk (small cells as "< N", rare terms dropped and gone from the file), play time per
hour from the wall's log, and a count committed after its hour was sealed is not lost."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk import playlog, playtime, usage, usage_wire
from kiosk.usage_outbox import UsageOutbox

NINE = datetime(2026, 12, 2, 1, 15, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.at = now

    def now(self) -> datetime:
        return self.at


@pytest.fixture
def files(tmp_path):
    counts, outbox = usage.Usage(tmp_path), UsageOutbox(tmp_path)
    yield counts, outbox
    counts.close()
    outbox.close()


def bodies(outbox):
    return {b.id: json.loads(b.body) for b in outbox.pending()}


def test_an_hour_is_sealed_once_it_is_over_and_its_raw_cells_go(files, tmp_path):
    counts, outbox = files
    for visit in range(6):
        counts.new_visit()
        counts.count("item-opened", "a", NINE)
        if visit == 0:
            counts.count("search-not-found", "张三 13900001111", NINE)
    counts.count("care-mode", "", NINE + timedelta(hours=1))
    assert outbox.seal(NINE + timedelta(minutes=40), threshold=5) == 0  # the hour is not over
    assert outbox.seal(NINE + timedelta(hours=1), threshold=5) == 1
    hour = "2026-12-02T01:00:00+00:00"
    assert bodies(outbox) == {
        f"use/{hour}": {
            "id": f"use/{hour}",
            "kind": "use",
            "hour": hour,
            "threshold": 5,
            "cells": [
                {"metric": "item-opened", "key": "a", "count": 6},
                {"metric": "search-not-found", "key": None, "count": "< 5"},
            ],
        }
    }
    assert outbox.seal(NINE + timedelta(hours=1), threshold=5) == 0  # sealed once
    assert [c[1] for c in counts.cells()] == ["care-mode"]  # the next hour is still open
    outbox.close()
    counts.close()
    data = b"".join(p.read_bytes() for p in tmp_path.glob("usage.sqlite3*"))
    assert "张三".encode() not in data and b"13900001111" not in data


def test_a_count_after_its_hour_was_sealed_goes_to_the_next_open_hour(files):
    counts, outbox = files
    counts.count("item-opened", "a", NINE)
    outbox.seal(NINE + timedelta(hours=1), threshold=2)
    counts.count("item-opened", "a", NINE)  # committed late: stamped in the sealed hour
    assert counts.cells() == [("2026-12-02T02:00:00+00:00", "item-opened", "a", 1)]


def test_play_time_is_summed_per_hour_once_the_log_has_passed_the_hour(files, tmp_path):
    _, outbox = files
    clock = Clock(datetime(2026, 12, 2, 1, 59, 30, tzinfo=UTC))
    log = playlog.PlayLog(tmp_path, clock)
    log.show("slide", item="a", revision=2, page=1)
    clock.at += timedelta(seconds=40)  # 30 s in one hour, 10 s in the next
    log.show("blank")
    clock.at += timedelta(seconds=20)
    log.show("slide", item="a", revision=2, page=1)
    assert outbox.seal(clock.at, threshold=5) == 1  # hour 1 is over, hour 2 is not yet
    clock.at += timedelta(hours=1)
    log.show("off-hours")
    assert outbox.seal(clock.at, threshold=5) == 1
    spans = {b.hour: json.loads(b.body)["spans"] for b in outbox.pending() if b.kind == "play"}
    assert spans == {
        "2026-12-02T01:00:00+00:00": [{"what": "slide", "item": "a", "revision": 2, "seconds": 30.0}],
        "2026-12-02T02:00:00+00:00": [
            {"what": "blank", "item": None, "revision": None, "seconds": 20.0},
            {"what": "slide", "item": "a", "revision": 2, "seconds": 3580.0},
        ],
    }


def test_kiosk_status_shows_what_waits_for_upload(files, tmp_path, capsys):
    from kiosk import cli

    counts, outbox = files
    counts.count("item-opened", "a", NINE)
    counts.count("item-opened", "a", NINE + timedelta(hours=2))
    outbox.seal(NINE + timedelta(hours=1), threshold=2)
    config = tmp_path / "kiosk.toml"
    config.write_text(f'state_dir = "{tmp_path}"\n', encoding="utf-8")
    assert cli.main(["--config", str(config), "status", "--json"]) == 0
    waiting = json.loads(capsys.readouterr().out)["usage"]
    assert waiting == {
        "pending": 1,
        "set_aside": 0,
        "sent": 0,
        "open_hours": 1,
        "oldest_pending": "2026-12-02T01:00:00+00:00",
    }
    outbox.acknowledged(outbox.pending()[0].id)
    assert cli.main(["--config", str(config), "status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["usage"]["pending"] == 0


# -- play time when the clock is set back ------------------------------------------------

steps = st.lists(
    st.tuples(
        st.sampled_from(["slide-a", "slide-b", "blank", "off-hours"]),
        # minutes the span lasts, then how the clock moves after it (mostly on, sometimes back)
        st.integers(0, 150),
        st.sampled_from([0, 0, 0, -30, -75, -24 * 60, 45]),
        st.booleans(),  # seal (an upload round) after this span
    ),
    min_size=1,
    max_size=30,
)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(plan=steps, read_limit=st.sampled_from([200, 4096, playtime.READ_LIMIT]))
def wall_with_a_clock_that_steps(tmp_path_factory, monkeypatch, plan, read_limit):
    state = tmp_path_factory.mktemp("state")
    monkeypatch.setattr(playtime, "READ_LIMIT", read_limit)  # a pass reads a few lines only
    outbox = UsageOutbox(state)
    clock = Clock(datetime(2026, 12, 2, 1, 15, tzinfo=UTC))
    log = playlog.PlayLog(state, clock)
    latest = clock.at
    try:
        for what, minutes, jump, seal in plan:
            key = ("slide", what[-1], 1) if what.startswith("slide") else (what, None, None)
            log.show(*key[:1], **({"item": key[1], "revision": 1, "page": 1} if key[1] else {}))
            clock.at += timedelta(minutes=minutes)
            latest = max(latest, clock.at)
            log.show("blank" if what != "blank" else "off-hours")  # the span ends, is written
            SEEN["set back"] += jump < 0
            clock.at += timedelta(minutes=jump)  # the span after it (a moment) then runs 0 s
            if seal:
                outbox.seal(clock.at, threshold=5)
        # Every hour the log spoke of is over: the last span ends at an hour's start, after
        # all of them, and upload rounds go on until the log is read to its end.
        clock.at = playtime.floor_hour(latest) + timedelta(hours=3)
        log.show("slide", item="last", revision=1, page=1)  # never what was on screen before
        while outbox.seal(clock.at, threshold=5) or playtime.read(state, _offset(outbox))[0]:
            pass
        got: Counter[tuple] = Counter()
        parts: dict[str, list[int]] = {}
        for batch in outbox.pending():
            body = json.loads(batch.body)
            assert body["id"] == usage_wire.batch_id("play", batch.hour, body.get("part", 1))
            assert sum(s["seconds"] for s in body["spans"]) <= 3600.5  # what the store takes
            parts.setdefault(batch.hour, []).append(body.get("part", 1))
            for span in body["spans"]:
                got[(span["what"], span["item"], span["revision"])] += span["seconds"]
        assert all(sorted(numbers) == list(range(1, len(numbers) + 1)) for numbers in parts.values()), parts
        SEEN["hour in parts"] += any(len(numbers) > 1 for numbers in parts.values())
        # Nothing lost, nothing twice: every second the log holds is in one batch.
        written: Counter[tuple] = Counter()
        for span in playlog.read(state):
            written[(span.kind, span.item, span.revision)] += span.duration
        assert {k: round(v, 3) for k, v in got.items() if v} == {k: v for k, v in written.items() if v}, plan
    finally:
        outbox.close()


def _offset(outbox) -> int:
    return outbox._db.execute("SELECT offset FROM play_read").fetchone()[0]


SEEN: Counter[str] = Counter()


def test_every_second_the_wall_showed_is_sealed_once_whatever_the_clock_did(tmp_path_factory):
    SEEN.clear()
    with pytest.MonkeyPatch.context() as monkeypatch:
        wall_with_a_clock_that_steps(tmp_path_factory, monkeypatch)
    # The generator reaches what the test is about: clocks set back, hours sealed in parts.
    assert SEEN["set back"] >= 100 and SEEN["hour in parts"] >= 20, SEEN


def test_a_file_that_summed_the_log_the_older_way_goes_on_without_counting_twice(tmp_path):
    clock = Clock(datetime(2026, 12, 2, 1, 30, tzinfo=UTC))
    log = playlog.PlayLog(tmp_path, clock)
    log.show("slide", item="a", revision=1, page=1)
    clock.at += timedelta(hours=1)  # 02:30: the line runs 30 minutes into hour 2
    log.show("blank")
    # What a kiosk of the older layout left: hour 1 sealed, the line read again from its
    # start next time, counted from 02:00 on; one batch per (kind, hour) in the table.
    old = sqlite3.connect(tmp_path / usage.FILE_NAME, isolation_level=None)
    old.executescript(
        """
        CREATE TABLE batches (id TEXT PRIMARY KEY, kind TEXT NOT NULL, hour TEXT NOT NULL, body BLOB NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT,
            UNIQUE (kind, hour));
        CREATE TABLE play_state (one INTEGER PRIMARY KEY CHECK (one = 1), through TEXT, offset INTEGER);
        INSERT INTO play_state VALUES (1, '2026-12-02T02:00:00+00:00', 0);
        """
    )
    hour1 = "2026-12-02T01:00:00+00:00"
    old.execute(
        "INSERT INTO batches (id, kind, hour, body, state) VALUES (?, 'play', ?, x'7b7d', 'sent')",
        (f"play/{hour1}", hour1),
    )
    old.close()
    outbox = UsageOutbox(tmp_path)
    try:
        clock.at += timedelta(hours=1)  # 03:30
        log.show("off-hours")
        assert outbox.seal(clock.at, threshold=5) == 1  # hour 2, its slide once; hour 3 is open
        spans = {b.hour: json.loads(b.body)["spans"] for b in outbox.pending()}
        assert spans == {
            "2026-12-02T02:00:00+00:00": [
                {"what": "blank", "item": None, "revision": None, "seconds": 1800.0},
                {"what": "slide", "item": "a", "revision": 1, "seconds": 1800.0},
            ],
        }
        # The older table is gone, the file is of this layout, and a late part of hour 1
        # (the clock set back) is its second part, not a clash with the one sent.
        clock.at = datetime(2026, 12, 2, 1, 50, tzinfo=UTC)
        log.show("blank")
        clock.at = datetime(2026, 12, 2, 4, 0, 1, tzinfo=UTC)
        log.show("off-hours")
        outbox.seal(clock.at, threshold=5)
        assert f"play/{hour1}/2" in {b.id for b in outbox.pending()}
        tables = {r[0] for r in outbox._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "play_state" not in tables
        assert outbox._db.execute("PRAGMA user_version").fetchone()[0] == usage.VERSION
    finally:
        outbox.close()


def test_a_line_with_no_end_in_a_whole_read_is_passed_over(tmp_path, monkeypatch):
    monkeypatch.setattr(playtime, "READ_LIMIT", 150)  # a span line is about 110 bytes
    (tmp_path / playlog.FILE_NAME).write_bytes(b"x" * 200 + b"\n")
    clock = Clock(datetime(2026, 12, 2, 1, 30, tzinfo=UTC))
    log = playlog.PlayLog(tmp_path, clock)
    log.show("slide", item="a", revision=1, page=1)
    clock.at += timedelta(hours=1)
    log.show("blank")
    offset, spans = 0, []
    for _ in range(10):  # a bounded read at a time, never the whole file at once
        found, offset = playtime.read(tmp_path, offset)
        spans += found
    assert [s.key for s in spans] == [("slide", "a", 1)]
