"""The outbox's queue: what it lists and counts, in which order it offers entries, what a failed
or refused upload records, requeueing, the rate limit at its edges."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest
from support import NOW

from kiosk import feedback as fb
from kiosk.outbox import Outbox, RateLimit, RateLimited, decode


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


def test_each_column_of_a_submission_is_listed(outbox):
    rating = fb.new("rating", rating="dissatisfied", item_id="hall-hours", item_revision=2, now=NOW)
    written = fb.new("question", text="👩‍👩‍👧🇨🇳好", consent=True, name="访客", now=NOW + timedelta(minutes=1))
    for r in (written, rating):  # listed by creation time, not by arrival
        outbox.submit(r, NOW)
    assert [
        {k: e[k] for k in ("id", "kind", "rating", "item_id", "has_contact", "text_length", "created_at")}
        for e in outbox.listing()
    ] == [
        {
            "id": rating.id,
            "kind": "rating",
            "rating": "dissatisfied",
            "item_id": "hall-hours",
            "has_contact": False,
            "text_length": 0,
            "created_at": rating.created_at,
        },
        {
            "id": written.id,
            "kind": "question",
            "rating": None,
            "item_id": None,
            "has_contact": True,
            "text_length": 3,  # what a visitor sees: a family, a flag, one character
            "created_at": written.created_at,
        },
    ]
    (entry,) = [e for e in outbox.pending() if e.id == written.id]
    assert decode(entry) == written.to_wire()


def test_pending_offers_fifty_at_most_unless_told(outbox):
    records = _records(51)
    for r in records:
        outbox.submit(r, NOW)
    assert [e.id for e in outbox.pending()] == [r.id for r in records[:50]]
    assert len(outbox.pending(limit=51)) == 51


def test_a_refused_entry_keeps_the_first_500_characters_of_the_reason(outbox):
    first, second = _records(2)
    for r in (first, second):
        outbox.submit(r, NOW)
    outbox.failed(first.id, "timeout", now=1.0)
    outbox.rejected(first.id, "y" * 600)
    outbox.rejected(second.id, "HTTP 409")
    listed = {e["id"]: e for e in outbox.listing()}
    assert (listed[first.id]["state"], listed[first.id]["attempts"], listed[first.id]["last_error"]) == (
        "rejected",
        2,
        "y" * 500,
    )
    assert (listed[second.id]["attempts"], listed[second.id]["last_error"]) == (1, "HTTP 409")
    assert outbox.counts() == {"pending": 0, "rejected": 2}
    assert outbox.pending() == []


def test_requeue_reads_a_reference_as_a_visitor_quotes_it(outbox):
    records = _records(3)
    for r in records:
        outbox.submit(r, NOW)
    for r in records[:2]:
        outbox.rejected(r.id, "HTTP 422")
    quoted = f"  {records[0].reference.lower()} "
    assert outbox.requeue([quoted, records[0].id, records[1].reference, records[2].id, "", "abc"]) == (
        [records[0].id, records[1].id],
        [records[2].id, "", "abc"],  # pending, empty, no such entry
    )
    assert outbox.counts() == {"pending": 3, "rejected": 0}
    assert outbox.requeue() == ([], [])


def test_an_empty_outbox_counts_nothing(outbox):
    assert outbox.counts() == {"pending": 0, "rejected": 0}
    assert outbox.listing() == [] and outbox.pending() == []


def test_the_rate_limit_at_its_edges(outbox):
    limit = RateLimit(min_interval=30, per_hour=2)
    first, second, third = _records(3)
    outbox.submit(first, NOW, limit)
    with pytest.raises(RateLimited) as early:
        outbox.submit(second, NOW + timedelta(seconds=29.5), limit)
    assert early.value.retry_in == pytest.approx(0.5) and str(early.value) == "please try again in 1 seconds"
    outbox.submit(second, NOW + timedelta(seconds=30), limit)  # exactly the interval
    # Two in the hour: the third waits until the first is exactly an hour old.
    assert outbox.retry_in(NOW + timedelta(seconds=3599.5), limit) == pytest.approx(0.5)
    with pytest.raises(RateLimited):
        outbox.submit(third, NOW + timedelta(seconds=3599.5), limit)
    outbox.submit(third, NOW + timedelta(seconds=3600), limit)
    assert outbox.counts() == {"pending": 3, "rejected": 0}


def test_an_interval_under_a_second_still_counts_and_none_is_no_interval(outbox):
    first, second = _records(2)
    outbox.submit(first, NOW)
    assert outbox.retry_in(NOW + timedelta(seconds=0.25), RateLimit(min_interval=0.5, per_hour=10)) == pytest.approx(
        0.25
    )
    assert outbox.retry_in(NOW, RateLimit(min_interval=0, per_hour=10)) == 0
    outbox.submit(second, NOW, RateLimit(min_interval=0, per_hour=10))


def test_submission_times_older_than_an_hour_are_forgotten(outbox, tmp_path):
    first, second, third = _records(3)
    outbox.submit(first, NOW)
    outbox.submit(second, NOW + timedelta(seconds=1800))
    outbox.submit(third, NOW + timedelta(seconds=3600.5))  # the first is now over an hour old
    conn = sqlite3.connect(tmp_path / "outbox.sqlite3")
    try:
        kept = [row[0] for row in conn.execute("SELECT at FROM submissions ORDER BY at")]
    finally:
        conn.close()
    assert kept == [(NOW + timedelta(seconds=s)).timestamp() for s in (1800, 3600.5)]
