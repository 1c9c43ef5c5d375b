"""An urgent item stops being urgent at its end: the wall's planner no longer interrupts
the rotation for it, and it takes its turn like any other item."""

from __future__ import annotations

from datetime import timedelta

from support import NOW, make_item

from kiosk import rules
from kiosk.config import SignageConfig
from kiosk.content import Cadence, Priority
from kiosk.planner import Planner, PlanSettings, plan

SETTINGS = PlanSettings.of(
    SignageConfig(urgent_interval=60, urgent_lifetime_days=7), category_order=("central-work", "conduct")
)
DAY = timedelta(days=1)


def urgent(item_id: str = "u", **fields):
    return make_item(item_id, priority=Priority.URGENT, cadence=Cadence.AD_HOC, **fields)


def test_an_urgent_item_without_an_expiry_is_urgent_for_its_lifetime_after_publication():
    item = urgent(published_at=NOW - 3 * DAY)
    lifetime = SETTINGS.urgent_lifetime
    assert rules.urgent_until(item, lifetime) == NOW + 4 * DAY
    assert rules.is_urgent(item, NOW + 4 * DAY - timedelta(seconds=1), lifetime)
    assert not rules.is_urgent(item, NOW + 4 * DAY, lifetime)
    # A revision starts its lifetime again; an expiry is the end whatever the lifetime says.
    revised = urgent(published_at=NOW - 30 * DAY, revision=2, revised_at=NOW - DAY)
    assert rules.is_urgent(revised, NOW, lifetime)
    assert rules.urgent_until(urgent(expires_at=NOW + 60 * DAY), lifetime) == NOW + 60 * DAY
    assert rules.urgent_until(make_item("n"), lifetime) is None


def test_a_stale_urgent_item_no_longer_interrupts_nor_repeats():
    routine = [make_item("a"), make_item("b", category="conduct")]
    stale = urgent(published_at=NOW - 8 * DAY)
    planner = Planner(SETTINGS)
    planner.set_items(routine, NOW)
    planner.next(NOW)
    assert not planner.set_items([*routine, stale], NOW + timedelta(seconds=2))
    slides = plan([*routine, stale], SETTINGS, NOW, NOW + timedelta(hours=1))
    reasons = {s.reason for s in slides if s.item is not None and s.item.id == "u"}
    assert reasons == {"rotation"}


def test_an_urgent_item_repeats_until_its_end_then_takes_turns():
    routine = [make_item("a"), make_item("b", category="conduct")]
    # Its lifetime ends half an hour into the plan.
    item = urgent(published_at=NOW - 7 * DAY + timedelta(minutes=30))
    slides = plan([*routine, item], SETTINGS, NOW, NOW + timedelta(hours=2))
    shown = [s for s in slides if s.item is not None and s.item.id == "u"]
    before = [s.reason for s in shown if s.start < NOW + timedelta(minutes=30)]
    after = [s.reason for s in shown if s.start >= NOW + timedelta(minutes=30)]
    assert before and set(before) <= {"urgent", "urgent-repeat"}
    assert after and set(after) == {"rotation"}
