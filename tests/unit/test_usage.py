"""Anonymous use of the touch screen: counts per hour, a search term counted once per visit,
small cells given as "< 5", and a term typed by fewer visits than that never reported."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kiosk import usage

NINE = datetime(2026, 12, 2, 1, 15, tzinfo=UTC)


@pytest.fixture
def counts(tmp_path):
    found = usage.Usage(tmp_path)
    yield found
    found.close()


def test_counts_per_hour_and_searches_per_visit(counts, tmp_path):
    for visit in range(6):
        counts.new_visit()
        counts.count("category-opened", "central-work", NINE)
        for _ in range(3):  # the same visit typing it again counts once
            counts.count("search-not-found", "  周末  窗口 ", NINE)
        if visit < 2:
            counts.count("search-found", "张三 13900001111", NINE)  # typed by two visits only
    counts.count("care-mode", "", NINE + timedelta(hours=1))
    assert counts.cells() == [
        ("2026-12-02T01:00:00+00:00", "category-opened", "central-work", 6),
        ("2026-12-02T01:00:00+00:00", "search-found", "张三 13900001111", 2),
        ("2026-12-02T01:00:00+00:00", "search-not-found", "周末 窗口", 6),
        ("2026-12-02T02:00:00+00:00", "care-mode", "", 1),
    ]
    assert counts.cells(before="2026-12-02T02:00:00+00:00")[-1][1] == "search-not-found"
    reported = usage.report(counts.cells(), threshold=5)
    assert reported == [
        {"hour": "2026-12-02T01:00:00+00:00", "metric": "category-opened", "key": "central-work", "count": 6},
        {"hour": "2026-12-02T01:00:00+00:00", "metric": "search-not-found", "key": "周末 窗口", "count": 6},
        {"hour": "2026-12-02T02:00:00+00:00", "metric": "care-mode", "key": "", "count": "< 5"},
        {"hour": "2026-12-02T01:00:00+00:00", "metric": "search-found", "key": None, "count": "< 5"},
    ]
    assert "张三" not in repr(reported) and "1390000" not in repr(reported)
    assert (tmp_path / usage.FILE_NAME).stat().st_mode & 0o077 == 0


@pytest.mark.parametrize(("count", "threshold", "shown"), [(0, 5, "< 5"), (4, 5, "< 5"), (5, 5, 5), (2, 2, 2)])
def test_suppressed(count, threshold, shown):
    assert usage.suppressed(count, threshold) == shown


def test_an_unknown_metric_is_refused(counts):
    with pytest.raises(ValueError, match="unknown metric"):
        counts.count("visitor-name", "x", NINE)


def test_a_damaged_counts_file_is_moved_aside_with_one_line(tmp_path, caplog):
    (tmp_path / usage.FILE_NAME).write_bytes(b"this is not a database, but a disk fault " * 200)
    counts = usage.Usage.open(tmp_path)
    try:
        counts.count("item-opened", "a", NINE)
        assert counts.cells() == [("2026-12-02T01:00:00+00:00", "item-opened", "a", 1)]
    finally:
        counts.close()
    assert [p.name.split("-")[0] for p in tmp_path.glob("usage.sqlite3.damaged-*")] == ["usage.sqlite3.damaged"]
    lines = [r for r in caplog.records if r.name == "kiosk.usage"]
    assert len(lines) == 1 and "damaged" in lines[0].getMessage() and lines[0].exc_info is None
