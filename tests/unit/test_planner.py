"""Tests of the LED display's rotation planner (kiosk.planner).

Categories take turns, newest first within each; a slide's dwell follows its reading
length within bounds; an item's expiry cuts its slide short; and after an item vanishes
the rotation starts again from the first slide.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from support import NOW, make_item
from kiosk.planner import DwellRule, Slide, next_slide, rotation_order

DAY = timedelta(days=1)
RULE = DwellRule(min_seconds=8, max_seconds=30, chars_per_second=12)


def aged(item_id: str, category: str, days_old: int, **fields):
    return make_item(item_id, category=category, published_at=NOW - days_old * DAY, **fields)


def test_round_robin_across_categories_newest_first():
    items = [
        aged("cw-old", "central-work", 9),
        aged("cw-mid", "central-work", 5),
        aged("cw-new", "central-work", 1),
        aged("cd-1", "conduct", 3),
        aged("org-old", "organisation", 8),
        aged("org-new", "organisation", 2),
    ]
    order = [i.id for i in rotation_order(items)]
    # Categories in key order: central-work, conduct, organisation.
    assert order == ["cw-new", "cd-1", "org-new", "cw-mid", "org-old", "cw-old"]


def test_a_revision_date_counts_as_newest():
    items = [
        aged("published-recently", "conduct", 2),
        aged("revised-today", "conduct", 30, revision=2, revised_at=NOW),
    ]
    assert [i.id for i in rotation_order(items)] == ["revised-today", "published-recently"]


def test_empty_rotation():
    assert rotation_order([]) == []
    assert next_slide([], None, NOW, RULE) is None
    assert next_slide([], "gone", NOW, RULE) is None


@st.composite
def catalogues(draw):
    count = draw(st.integers(min_value=0, max_value=15))
    return [
        aged(f"i{n}", draw(st.sampled_from(["a", "b", "c", "d"])), draw(st.integers(min_value=0, max_value=20)))
        for n in range(count)
    ]


@settings(max_examples=200, deadline=None)
@given(items=catalogues())
def test_no_category_gets_ahead_of_another_by_more_than_one(items):
    order = rotation_order(items)
    assert sorted(i.id for i in order) == sorted(i.id for i in items)
    totals = Counter(i.category for i in items)
    seen: Counter = Counter()
    for item in order:
        seen[item.category] += 1
        for other, total in totals.items():
            if seen[other] < total:  # ``other`` still has items waiting
                assert seen[item.category] <= seen[other] + 1
    for category in totals:
        changed = [i.last_changed for i in order if i.category == category]
        assert changed == sorted(changed, reverse=True)


def test_dwell_follows_reading_length_within_bounds():
    rule = DwellRule(min_seconds=5, max_seconds=20, chars_per_second=10)
    assert rule.dwell(make_item("x", title="一二", summary="", body="")) == 5  # short: the minimum
    assert rule.dwell(make_item("x", title="一" * 40, summary="二" * 80, body="")) == 12.0
    assert rule.dwell(make_item("x", title="一" * 40, summary="", body="三" * 60)) == 10.0
    assert rule.dwell(make_item("x", title="一", summary="", body="三" * 10000)) == 20  # long: the maximum
    # The summary is read when there is one, not the body.
    assert rule.dwell(make_item("x", title="一" * 50, summary="二" * 50, body="三" * 400)) == 10.0


@settings(max_examples=200, deadline=None)
@given(
    title=st.text(max_size=300),
    summary=st.text(max_size=300),
    body=st.text(max_size=1000),
    low=st.floats(min_value=1, max_value=60),
    span=st.floats(min_value=0, max_value=600),
)
def test_dwell_is_always_within_bounds(title, summary, body, low, span):
    rule = DwellRule(min_seconds=low, max_seconds=low + span, chars_per_second=12)
    assert rule.min_seconds <= rule.dwell(make_item("x", title=title, summary=summary, body=body)) <= rule.max_seconds


def test_next_slide_walks_the_rotation_and_wraps():
    items = [aged("a1", "central-work", 1), aged("b1", "conduct", 2), aged("a2", "central-work", 3)]
    seen = []
    previous = None
    for _ in range(4):
        slide = next_slide(items, previous, NOW, RULE)
        seen.append(slide.item.id)
        previous = slide.item.id
    assert seen == ["a1", "b1", "a2", "a1"]


def test_a_slide_lasts_its_dwell():
    item = make_item("x", title="一" * 120, summary="", body="")
    slide = next_slide([item], None, NOW, RULE)
    assert slide == Slide(item=item, start=NOW, end=NOW + timedelta(seconds=10))


def test_expiry_cuts_a_slide_short():
    item = make_item("x", title="一" * 120, summary="", body="", expires_at=NOW + timedelta(seconds=3))
    slide = next_slide([item], None, NOW, RULE)
    assert slide.end == NOW + timedelta(seconds=3)
    later = make_item("x", title="一" * 120, summary="", body="", expires_at=NOW + timedelta(seconds=60))
    assert next_slide([later], None, NOW, RULE).end == NOW + timedelta(seconds=10)


def test_after_a_vanished_item_the_rotation_starts_from_the_first():
    items = [aged("a1", "central-work", 1), aged("b1", "conduct", 2), aged("a2", "central-work", 3)]
    assert next_slide(items, "withdrawn", NOW, RULE).item.id == "a1"
    remaining = [i for i in items if i.id != "b1"]
    assert next_slide(remaining, "b1", NOW, RULE).item.id == "a1"
