"""The wall's proof-of-play log: spans that follow one another and add up to the time shown,
written when they end, append-only, a torn last line skipped."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from kiosk import playlog
from kiosk.clock import FakeClock

START = datetime(2026, 12, 2, 0, 0, tzinfo=UTC)


def test_a_simulated_day_adds_up_and_names_every_slide(tmp_path):
    clock = FakeClock(START)
    log = playlog.PlayLog(tmp_path, clock)
    log.show("off-hours")
    clock.advance(timedelta(hours=8))
    shown: dict[str, float] = {}
    for n in range(3600):  # 10 hours of slides, 10 s each, three items with two pages
        item = f"item-{n % 3}"
        log.show("slide", item=item, revision=1, page=n % 2)
        clock.advance(10)
        shown[item] = shown.get(item, 0) + 10
    log.show("blank")
    clock.advance(timedelta(hours=6))
    log.close()
    spans = list(playlog.read(tmp_path))
    assert sum(s.duration for s in spans) == 24 * 3600
    assert [s.kind for s in spans[:2]] == ["off-hours", "slide"] and spans[-1].kind == "blank"
    by_item: dict[str, float] = {}
    for s in spans:
        if s.kind == "slide":
            by_item[s.item] = by_item.get(s.item, 0) + s.duration
    assert by_item == shown
    for before, after in itertools.pairwise(spans):  # no gap, no overlap
        assert datetime.fromisoformat(before.start) + timedelta(seconds=before.duration) == datetime.fromisoformat(
            after.start
        )


def test_the_log_only_grows_and_a_torn_line_is_skipped(tmp_path):
    clock = FakeClock(START)
    log = playlog.PlayLog(tmp_path, clock)
    log.show("slide", item="a", revision=2, page=0)
    clock.advance(5)
    log.show("blank")
    first = (tmp_path / playlog.FILE_NAME).read_bytes()
    with open(tmp_path / playlog.FILE_NAME, "ab") as torn:
        torn.write(b'{"kind":"slide","start":"2026-')  # a crash in the middle of a write
    clock.advance(7)
    log2 = playlog.PlayLog(tmp_path, clock)  # the next start appends after it
    log2.show("slide", item="b", revision=1, page=3)
    clock.advance(1)
    log2.close()
    assert (tmp_path / playlog.FILE_NAME).read_bytes().startswith(first)
    spans = list(playlog.read(tmp_path))
    assert [(s.kind, s.item, s.duration) for s in spans] == [("slide", "a", 5.0), ("slide", "b", 1.0)]
    assert (tmp_path / playlog.FILE_NAME).stat().st_mode & 0o077 == 0


def test_a_clock_stepped_back_writes_no_negative_span(tmp_path):
    clock = FakeClock(START)
    log = playlog.PlayLog(tmp_path, clock)
    log.show("blank")
    clock.set(START - timedelta(minutes=1))
    log.close()
    assert [s.duration for s in playlog.read(tmp_path)] == [0.0]


@pytest.mark.parametrize(("kind", "fields"), [("video", {}), ("slide", {"item": "a"})])
def test_a_span_that_says_nothing_is_refused(tmp_path, kind, fields):
    with pytest.raises(ValueError):
        playlog.PlayLog(tmp_path, FakeClock(START)).show(kind, **fields)


def test_the_same_thing_shown_again_is_one_span(tmp_path):
    clock = FakeClock(START)
    log = playlog.PlayLog(tmp_path, clock)
    log.show("off-hours")
    log.show("off-hours")  # the wall laid the same out again
    clock.advance(60)
    log.show("slide", item="a", revision=1, page=1)
    clock.advance(10)
    log.show("slide", item="a", revision=1, page=1)
    clock.advance(10)
    log.close()
    assert [(s.kind, s.duration) for s in playlog.read(tmp_path)] == [("off-hours", 60.0), ("slide", 20.0)]
