"""What the LED display shows next, and until when.

A first version of the rotation planner: categories take turns (so one busy category
cannot crowd out the others), newest first within a category, the dwell grows with the
reading length between a minimum and a maximum, and an item's own window can cut a
slide short. It returns the slide *and* its deadline, so the screen sets one timer
rather than polling on a tick.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.content import Item


@dataclass(frozen=True, slots=True)
class Slide:
    item: Item
    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class DwellRule:
    min_seconds: float = 8.0
    max_seconds: float = 30.0
    chars_per_second: float = 12.0

    def dwell(self, item: Item) -> float:
        reading = len(item.title) + len(item.summary or item.body[:400])
        return max(self.min_seconds, min(self.max_seconds, reading / self.chars_per_second))


def rotation_order(items: list[Item]) -> list[Item]:
    """Round-robin across categories, each category newest first."""
    by_category: dict[str, list[Item]] = defaultdict(list)
    for item in sorted(items, key=lambda i: (i.last_changed, i.id), reverse=True):
        by_category[item.category].append(item)
    queues = [by_category[key] for key in sorted(by_category)]
    order: list[Item] = []
    for rank in range(max((len(q) for q in queues), default=0)):
        order.extend(q[rank] for q in queues if rank < len(q))
    return order


def next_slide(items: list[Item], previous_id: str | None, now: datetime, rule: DwellRule) -> Slide | None:
    """The slide after ``previous_id`` in rotation order (the first when it is gone)."""
    order = rotation_order(items)
    if not order:
        return None
    ids = [item.id for item in order]
    index = (ids.index(previous_id) + 1) % len(order) if previous_id in ids else 0
    item = order[index]
    end = now + timedelta(seconds=rule.dwell(item))
    if item.expires_at is not None and item.expires_at < end:
        end = item.expires_at
    return Slide(item=item, start=now, end=end)
