"""Anonymous use and play time reach the store exactly once: a kiosk killed (SIGKILL) at
random points while it counts, logs what the wall shows, seals hours and uploads them, at
least 100 times (1,000 with ``pytest -m soak``); afterwards the store's totals equal what
was counted and shown, hour by hour.

The tally is the test's own: every count the kiosk reported committed (and the one a
kill interrupted, when the counts file shows it landed), and the play log's lines read and
cut into hours by this file's code — so the store's unique key per (kiosk, kind, hour)
cannot make the comparison true by itself: a lost hour, an hour sealed before its last
count, or seconds put in the wrong hour or counted twice all show in the sums.

To keep the test fast, each kiosk is ``usage_driver.py``: the real counts file, play log,
outbox and upload code, forked from one process that imported them (see there). Every
other kill falls while the child counts and logs (it says on the pipe when it begins),
the rest while it uploads what earlier runs left or seals and uploads at its end.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from select import select as readable

import pytest
from feedback_support import make_store
from sqlalchemy import select

from kiosk.store.models import PlaySeconds, UsageCell, UsageUpload

pytestmark = pytest.mark.e2e

DRIVER = Path(__file__).with_name("usage_driver.py")
KILLS = 100
SOAK_KILLS = 1000
THRESHOLD = 2
HOUR = timedelta(hours=1)


class Driver:
    def __init__(self, config: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(DRIVER), str(config)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def start(self, start: datetime, seed: str, log: Path) -> int:
        assert self.process.stdin is not None
        self.process.stdin.write(f"{start.isoformat()} {seed} {log}\n")
        self.process.stdin.flush()
        line = self._line()
        assert line[0] == "forked", line
        return int(line[1])

    def counting(self, pid: int) -> None:
        """Wait until the child has uploaded what waited and begins to count."""
        assert self.process.stdout is not None
        # Nothing else can be on the pipe now ("exit" comes only when asked for), so the
        # one line is not hidden in the reader's buffer.
        ready, _, _ = readable([self.process.stdout], [], [], 60)
        assert ready, "the driver's child said nothing within 60 s"
        assert self._line() == ["uploaded", str(pid)]

    def ended(self, pid: int) -> int:
        assert self.process.stdin is not None
        self.process.stdin.write("\n")  # the driver may reap it now
        self.process.stdin.flush()
        line = self._line()
        while line[0] == "uploaded":  # a child's word not waited for
            line = self._line()
        assert line[:2] == ["exit", str(pid)], line
        return int(line[2])

    def _line(self) -> list[str]:
        # A plain blocking read: the driver answers every line, and both of its answers may
        # already sit in one buffer (a selector would not see the second).
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line, f"the driver exited ({self.process.wait()})"
        return line.split()

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)
        if self.process.stdout is not None:
            self.process.stdout.close()


@pytest.mark.parametrize(
    "kills", [pytest.param(KILLS, id="kills"), pytest.param(SOAK_KILLS, id="soak", marks=pytest.mark.soak)]
)
def test_killed_kiosks_upload_every_hour_once(tmp_path, kills):
    rng = random.Random(os.environ.get("KIOSK_TEST_SEED", "usage-kill"))
    store = make_store(tmp_path)
    state = tmp_path / "state"
    config = tmp_path / "kiosk.toml"
    # Every run's clock starts two hours after the one before, far enough in the past for
    # the whole test to fit before now (the store refuses hours in the future).
    first = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) - (8 * kills + 10) * HOUR
    counted: Counter[tuple[str, str, str]] = Counter()
    landed = Counter()
    # The flood guard is not under test: a few hundred runs upload faster than its default
    # rate refills, and a run refused with 429 (retried at once) would leave hours behind.
    with store.cmd.serve("--feedback-burst", "100000") as base:
        store.enroll(base)
        config.write_text(store.config_text() + f"[usage]\nsuppress_below = {THRESHOLD}\n", encoding="utf-8")
        driver = Driver(config)
        try:
            # When, in the last whole run, counting began and ended and the run ended.
            phases, rounds = (0.0, 0.0, 0.0), 0
            while sum(landed.values()) < kills:
                assert rounds < 4 * kills, f"only {landed} kills in {rounds} rounds"
                log = tmp_path / f"run-{rounds}.log"
                started = time.monotonic()
                pid = driver.start(first + 2 * HOUR * rounds + 30 * timedelta(minutes=1), f"run-{rounds}", log)
                if rounds:  # the first run is measured whole: it says how long one takes
                    # Every other kill falls while the child counts and logs, the rest while it
                    # uploads what waited, or seals and uploads at its end.
                    if rounds % 2:
                        driver.counting(pid)
                        low, high = 0.0, phases[1] - phases[0]
                    else:
                        low, high = rng.choice([(0.0, phases[0]), (phases[1], phases[2] * 1.1)])
                    time.sleep(rng.uniform(low, high))  # the random kill point itself, not a wait
                    os.kill(pid, signal.SIGKILL)
                status = driver.ended(pid)
                # Killed before it opened its log, a run did nothing at all.
                lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
                if "done" in lines:
                    # The machine's load changes how long a run takes: aim by the latest.
                    marks = {line.split()[0]: float(line.split()[1]) for line in lines if line[0] in "uc"}
                    phases = (marks["uploaded"] - started, marks["counted"] - started, time.monotonic() - started)
                else:
                    assert status == -signal.SIGKILL, (status, lines[-3:])
                    landed[_phase(lines)] += 1
                _tally(lines, state, counted)
                rounds += 1
            end = first + 2 * HOUR * (rounds + 2)
            pid = driver.start(end, "drain", tmp_path / "drain.log")
            assert driver.ended(pid) == 0
        finally:
            driver.close()
    stored_counts, stored_play = _stored(store)
    # Every count committed is at the store, in its hour, once; under the threshold only as "< 2".
    expected = {cell: (n if n >= THRESHOLD else None) for cell, n in counted.items()}
    differ = {
        c: (stored_counts.get(c, "missing"), expected.get(c, "missing"))
        for c in stored_counts.keys() | expected.keys()
        if stored_counts.get(c, "missing") != expected.get(c, "missing")
    }
    assert not differ, f"(stored, counted) differ: {sorted(differ.items())[:10]}"
    assert sum(n for n in stored_counts.values() if n) == sum(n for n in counted.values() if n >= THRESHOLD)
    shown = _play_tally(state)
    assert set(stored_play) == set(shown)
    for key, seconds in shown.items():
        assert abs(stored_play[key] - seconds) < 0.01, (key, stored_play[key], seconds)
    assert abs(sum(stored_play.values()) - sum(shown.values())) < 1
    print(f"{rounds} runs, kills landed: {dict(landed)}, cells {len(counted)}, play rows {len(shown)}")
    assert landed["counting"] >= kills // 10 and landed["uploading"] >= kills // 10, landed


def _phase(lines: list[str]) -> str:
    """Where a kill landed: while counting and logging, or while sealing and uploading."""
    marks = {line.split()[0] for line in lines}
    return "counting" if "uploaded" in marks and "counted" not in marks else "uploading"


def _tally(lines: list[str], state: Path, counted: Counter) -> None:
    """Add the counts a run reported committed; a count a kill interrupted is added when
    the counts file shows it landed (its hour is still open: runs seal only after counting)."""
    done = [tuple(line.split(" ", 3)[1:]) for line in lines if line.startswith("= ") and line != "= play"]
    for hour, metric, key in done:
        counted[(hour, metric, key)] += 1
    started = [line for line in lines if line.startswith("+ ") and line != "+ play"]
    if len(started) == len(done) + 1:
        hour, metric, key = started[-1].split(" ", 3)[1:]
        with sqlite3.connect(state / "usage.sqlite3") as db:
            row = db.execute("SELECT count FROM cells WHERE hour=? AND metric=? AND key=?", (hour, metric, key))
            held = (row.fetchone() or (0,))[0]
        this_run = sum(1 for cell in done if cell == (hour, metric, key))
        assert held in (this_run, this_run + 1), (hour, metric, key, held, this_run)
        if held > this_run:  # (a Counter entry of 0 would expect a cell the store never got)
            counted[(hour, metric, key)] += 1


def _play_tally(state: Path) -> dict[tuple, float]:
    """The play log cut into hours, for the hours that are over (a later span ends after them)."""
    spans = []
    for raw in (state / "playlog.jsonl").read_bytes().split(b"\n"):
        try:
            span = json.loads(raw)
        except ValueError:
            continue  # a line torn by a kill
        start = datetime.fromisoformat(span["start"])
        spans.append((span["kind"], span["item"], span["revision"], start, start + timedelta(seconds=span["duration"])))
    last_over = max(end for *_, end in spans).replace(minute=0, second=0, microsecond=0)
    seconds: dict[tuple, float] = defaultdict(float)
    for kind, item, revision, start, end in spans:
        at = start
        while at < min(end, last_over):
            hour = at.replace(minute=0, second=0, microsecond=0)
            upto = min(end, hour + HOUR, last_over)
            seconds[(hour.isoformat(), kind, item, revision)] += (upto - at).total_seconds()
            at = upto
    return dict(seconds)


def _stored(store) -> tuple[dict, dict]:
    api = store.api()
    try:
        with api.db.read() as session:
            cells = session.execute(
                select(UsageUpload.hour, UsageCell.metric, UsageCell.key, UsageCell.count).join(
                    UsageUpload, UsageCell.upload_id == UsageUpload.id
                )
            ).all()
            play = session.execute(
                select(
                    UsageUpload.hour, PlaySeconds.what, PlaySeconds.item_id, PlaySeconds.revision, PlaySeconds.seconds
                ).join(UsageUpload, PlaySeconds.upload_id == UsageUpload.id)
            ).all()
    finally:
        api.db.close()
    counts: dict = {}
    for hour, metric, key, count in cells:
        cell = (hour.isoformat(), metric, key)
        assert cell not in counts, f"{cell} stored twice"
        counts[cell] = count
    seconds: dict = defaultdict(float)
    for hour, what, item, revision, value in play:
        seconds[(hour.isoformat(), what, item, revision)] += value
    return counts, dict(seconds)
