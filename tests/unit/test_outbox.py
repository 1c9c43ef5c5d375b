"""The outbox's queue: what it lists, in which order it offers entries, requeueing, the rate limit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from support import NOW

from kiosk import feedback as fb
from kiosk.outbox import Outbox, RateLimit, RateLimited


@pytest.fixture
def outbox(tmp_path):
    opened = Outbox(tmp_path / "outbox.sqlite3")
    yield opened
    opened.close()


def _records(n):
    return [
        fb.new(
            "opinion",
            text=f"第{k}条意见的内容",
            item_id="hall-hours" if k == 0 else None,
            item_revision=1 if k == 0 else None,
            consent=k == 1,
            phone="13800000000" if k == 1 else "",
            now=NOW + timedelta(seconds=k),
        )
        for k in range(n)
    ]


def test_the_listing_names_each_field_without_text_or_contact(outbox):
    first, second = _records(2)
    for r in (first, second):
        outbox.submit(r, NOW)
    outbox.failed(first.id, "x" * 600, now=1.0)
    assert outbox.listing() == [
        {
            "id": first.id,
            "reference": first.reference,
            "kind": "opinion",
            "rating": None,
            "item_id": "hall-hours",
            "has_contact": False,
            "text_length": 8,
            "created_at": first.created_at,
            "state": "pending",
            "attempts": 1,
            "last_error": "x" * 500,
        },
        {
            "id": second.id,
            "reference": second.reference,
            "kind": "opinion",
            "rating": None,
            "item_id": None,
            "has_contact": True,
            "text_length": 8,
            "created_at": second.created_at,
            "state": "pending",
            "attempts": 0,
            "last_error": None,
        },
    ]


def test_pending_offers_the_least_recently_tried_first_then_the_oldest(outbox):
    records = _records(4)
    for r in records:
        outbox.submit(r, NOW)
    assert [e.id for e in outbox.pending()] == [r.id for r in records]
    outbox.failed(records[0].id, "timeout", now=10.0)
    outbox.failed(records[1].id, "timeout", now=5.0)
    assert [e.id for e in outbox.pending()] == [records[2].id, records[3].id, records[1].id, records[0].id]
    assert [e.id for e in outbox.pending(limit=2)] == [records[2].id, records[3].id]
    entry = next(e for e in outbox.pending() if e.id == records[0].id)
    assert (entry.state, entry.attempts, entry.body) == ("pending", 1, records[0].body_bytes())


def test_requeue_by_id_by_reference_or_all(outbox):
    records = _records(3)
    for r in records:
        outbox.submit(r, NOW)
        outbox.rejected(r.id, "HTTP 422")
    assert outbox.counts() == {"pending": 0, "rejected": 3}
    assert outbox.requeue([records[0].id, records[1].reference.lower(), "NOT-ONE", records[0].id]) == (
        [records[0].id, records[1].id],
        ["NOT-ONE"],
    )
    assert outbox.counts() == {"pending": 2, "rejected": 1}
    assert outbox.requeue([records[0].id]) == ([], [records[0].id])  # pending already: nothing to requeue
    assert outbox.requeue() == ([records[2].id], [])
    assert outbox.counts() == {"pending": 3, "rejected": 0}
    assert [e.id for e in outbox.pending()][:1] == [records[0].id]  # requeued entries go first


def test_the_rate_limit_counts_the_last_hour(outbox):
    limit = RateLimit(per_hour=2, min_interval=30)
    first, second, third = _records(3)
    outbox.submit(first, NOW, limit)
    assert outbox.retry_in(NOW + timedelta(seconds=10), limit) == pytest.approx(20)
    with pytest.raises(RateLimited):
        outbox.submit(second, NOW + timedelta(seconds=10), limit)
    outbox.submit(second, NOW + timedelta(seconds=30), limit)
    # Two in the hour: the next one waits until the first is an hour old.
    assert outbox.retry_in(NOW + timedelta(seconds=100), limit) == pytest.approx(3500)
    assert outbox.retry_in(NOW + timedelta(seconds=3600), limit) == 0
    outbox.submit(third, NOW + timedelta(seconds=3600), limit)
    assert outbox.counts() == {"pending": 3, "rejected": 0}
