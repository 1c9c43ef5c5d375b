"""The outbox of anonymous use: an hour is sealed once it is over, into the bytes that leave
the kiosk (small cells as "< N", rare terms dropped and gone from the file), play time per
hour from the wall's log, and a count committed after its hour was sealed is not lost."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from kiosk import playlog, usage
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
