"""What the LED display shows next, and until when.

The planner is plain Python and holds no timer: :meth:`Planner.next` returns the slide
*and the instant to look again* (the end of its dwell, or sooner when the item expires,
an urgent item becomes public, or office hours or a daypart begin or end), so the screen
sets one timer rather than polling on a tick. Its choices:

* **Urgent first.** An urgent item is shown as soon as it is displayable (the screen
  asks :meth:`Planner.set_items` whether to cut the current slide), then again every
  ``urgent_interval`` until its end (its expiry, or ``urgent_lifetime_days`` after it was
  published or revised when it has none); after that it takes its turn like any other.
* **Fair across categories.** Categories take turns; within one, a smooth weighted
  round-robin shows recently published or revised items more often than old ones,
  deterministically (the same content gives the same plan).
* **No repeats** of the same item twice in a row when there is another to show.
* **Readable pages.** Long text is split into pages that fit at the minimum type size,
  each with its own dwell from its reading length.
* **The display rule decides** what may be shown at each instant (:mod:`kiosk.rules`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from kiosk import markdown, rules, schedule
from kiosk.clock import as_utc
from kiosk.config import Config, SignageConfig
from kiosk.content import Cadence, Item
from kiosk.paging import Line
from kiosk.timefmt import DEFAULT_TIMEZONE
from kiosk.wall import SlidePages, WallLayout, window_layout

#: When nothing bounds a wait (no items, no schedule), look again after this long anyway.
IDLE_RECHECK = timedelta(minutes=5)


@dataclass(frozen=True)
class PlanSettings:
    """The planner's view of the ``[signage]`` configuration, with what it derives from it."""

    signage: SignageConfig
    #: Office hours and dayparts, in the configured time zone.
    hours: schedule.WeeklySchedule
    dayparts: schedule.WeeklySchedule
    #: Category keys in catalogue order: the order categories take turns in.
    category_order: tuple[str, ...] = ()
    #: The wall's slide layout pages are cut for (kiosk.wall); the screen sets it from its
    #: size and font metrics. None: a 1536 × 768 window, estimated.
    wall: WallLayout | None = None

    @classmethod
    def of(
        cls,
        signage: SignageConfig,
        timezone: str = DEFAULT_TIMEZONE,
        category_order: tuple[str, ...] = (),
        wall: WallLayout | None = None,
    ) -> PlanSettings:
        """The settings for ``signage`` in ``timezone``, pages cut for ``wall``."""
        return cls(
            signage=signage,
            hours=schedule.WeeklySchedule(signage.hours, timezone),
            dayparts=schedule.WeeklySchedule(signage.dayparts, timezone, always_on_when_empty=False),
            category_order=category_order,
            wall=wall,
        )

    @classmethod
    def from_config(cls, config: Config, wall: WallLayout | None = None) -> PlanSettings:
        """The settings of a kiosk configuration (its catalogue gives the category order)."""
        order = tuple(c.key for c in config.catalog.categories)
        return cls.of(config.signage, config.timezone, order, wall)

    @property
    def layout(self) -> WallLayout:
        """The wall layout pages are cut for."""
        if self.wall is not None:
            return self.wall
        return window_layout(1536, 768, self.signage.min_font_px, self.signage.max_pages)

    @property
    def min_dwell(self) -> float:
        return self.signage.min_dwell

    @property
    def max_dwell(self) -> float:
        return self.signage.max_dwell

    @property
    def max_pages(self) -> int:
        return self.signage.max_pages

    @property
    def urgent_interval(self) -> timedelta:
        return timedelta(seconds=self.signage.urgent_interval)

    @property
    def urgent_lifetime(self) -> timedelta:
        return timedelta(days=self.signage.urgent_lifetime_days)

    def is_urgent(self, item: Item, now: datetime) -> bool:
        """Whether ``item`` counts as urgent at ``now``: never after its end."""
        return rules.is_urgent(item, now, self.urgent_lifetime)

    @property
    def new_badge(self) -> timedelta:
        return timedelta(hours=self.signage.new_badge_hours)

    @property
    def recent(self) -> timedelta:
        return timedelta(days=self.signage.recent_days)

    @property
    def recent_weight(self) -> float:
        return self.signage.recent_weight

    def dwell(self, item: Item, text: str) -> float:
        reading = len(item.title) + len(text)
        return max(self.min_dwell, min(self.max_dwell, reading / self.signage.chars_per_second))


@dataclass(frozen=True, slots=True)
class Slide:
    #: None when the display shows no item (outside office hours, or nothing to show).
    item: Item | None
    start: datetime
    end: datetime
    reason: str  # rotation | urgent | urgent-repeat | off-hours | empty
    page: int = 1
    pages: int = 1
    text: str = ""
    new: bool = False
    #: The page as the wall sets it: title lines, text lines, the text's pixel size.
    title: str = ""
    lines: tuple[Line, ...] = ()
    px: float = 0.0


def reading_blocks(item: Item) -> list[markdown.Block]:
    """What the wall shows of an item, block by block: its summary, then its body's blocks
    (a heading is a block of its own, not the start of the paragraph after it)."""
    body = markdown.blocks(item.body)
    summary = " ".join(item.summary.split())
    if summary and not "\n".join(b.text for b in body).startswith(summary):
        return [markdown.Block("paragraph", summary), *body]
    return body or ([markdown.Block("paragraph", summary)] if summary else [])


def reading_text(item: Item) -> str:
    """:func:`reading_blocks` as one text, a block a line."""
    return "\n".join(block.text for block in reading_blocks(item))


class Planner:
    def __init__(self, settings: PlanSettings, body: Callable[[Item], str] | None = None) -> None:
        """``body(item)`` supplies an item's text when candidates come without it (the
        screen lists thousands of items without bodies and reads one when it is shown)."""
        self.settings = settings
        self._body = body
        self._candidates: list[Item] = []
        self._shown_cache: tuple[datetime, datetime | None, list[Item]] | None = None
        self._last_shown: dict[str, datetime] = {}
        self._credit: dict[str, float] = {}
        self._last_category: str | None = None
        self._previous_id: str | None = None
        self._sheet: SlidePages | None = None
        #: Pages by (id, revision, layout): an item is cut once, not at every turn.
        self._paged: dict[tuple[str, int, tuple[object, ...]], SlidePages] = {}
        self.current: Slide | None = None

    # -- content ---------------------------------------------------------------------

    def set_items(self, items: Iterable[Item], now: datetime) -> bool:
        """Replace the candidate items; True when the current slide must be cut now.

        It must when its item was withdrawn, expired or superseded by a revision, or
        when an urgent item that has not been shown yet is displayable.
        """
        self._candidates = list(items)
        self._shown_cache = None
        self._paged.clear()
        # What the planner remembers per item is kept for the candidates only: items come
        # and go for months, and an item that left has no turn or credit to keep.
        present = {i.id for i in self._candidates}
        for memory in (self._last_shown, self._credit):
            for gone in memory.keys() - present:
                del memory[gone]
        return self.must_cut(now)

    def must_cut(self, now: datetime) -> bool:
        current = self.current.item if self.current else None
        shown = self._displayable(now)
        if current is not None and not any(i.id == current.id and i.revision == current.revision for i in shown):
            return True
        if self.current is not None and self.current.reason in ("urgent", "urgent-repeat"):
            return False
        return any(self.settings.is_urgent(i, now) and i.id not in self._last_shown for i in shown)

    # -- planning ----------------------------------------------------------------------

    def next(self, now: datetime) -> Slide:
        """The slide to show from ``now``; call again at its ``end``."""
        now = as_utc(now)
        s = self.settings
        if not s.hours.is_on(now):
            end = s.hours.next_boundary(now) or now + IDLE_RECHECK
            return self._set(Slide(item=None, start=now, end=end, reason="off-hours"))
        shown = self._displayable(now)
        if not shown:
            return self._set(Slide(item=None, start=now, end=self._bound(now, now + IDLE_RECHECK), reason="empty"))

        current = self.current
        # A repeat of an urgent item shows its first page only: it was read in full when
        # it arrived, and five urgent notices must not crowd out everything else.
        if (
            current is not None
            and current.item is not None
            and current.page < current.pages
            and current.reason != "urgent-repeat"
        ):
            same = next((i for i in shown if i.id == current.item.id and i.revision == current.item.revision), None)
            if same is not None:
                return self._page(same, current.page + 1, now, current.reason)

        urgent = self._urgent_due(shown, now)
        if urgent is not None:
            reason = "urgent-repeat" if urgent.id in self._last_shown else "urgent"
            return self._start(urgent, now, reason)
        routine = [i for i in shown if not s.is_urgent(i, now)]
        if not any(i.id != self._previous_id for i in routine):
            # Nothing routine but the slide just shown: urgent items fill in between.
            routine = shown
        return self._start(self._rotate(routine, now), now, "rotation")

    def restart(self, now: datetime) -> Slide:
        """The current item again from its first page, cut anew (after a change of page size)."""
        current = self.current
        if current is None or current.item is None:
            return self.next(now)
        return self._start(current.item, now, current.reason)

    def first_page(self, item: Item, now: datetime) -> Slide:
        """The first page of ``item``, whatever the rotation (previews and tests)."""
        return self._start(item, as_utc(now), "rotation")

    def page_of(self, item: Item, page: int, now: datetime) -> Slide:
        """Page ``page`` (the last one if beyond) of the item :meth:`first_page` started."""
        pages = len(self._sheet.pages) if self._sheet is not None else 1
        return self._page(item, max(1, min(page, pages)), as_utc(now), "rotation")

    # -- internals ---------------------------------------------------------------------

    def _displayable(self, now: datetime) -> list[Item]:
        """Displayable items allowed by the active daypart; cached until the answer can change."""
        cached = self._shown_cache
        if cached is not None and cached[0] <= now and (cached[1] is None or now < cached[1]):
            return cached[2]
        s = self.settings
        allowed = schedule.categories_allowed(s.dayparts, now, {i.category for i in self._candidates})
        shown = [i for i in rules.displayable(self._candidates, now) if i.category in allowed]
        valid_until = min(
            (t for t in (rules.next_change(self._candidates, now), s.dayparts.next_boundary(now)) if t is not None),
            default=None,
        )
        self._shown_cache = (now, valid_until, shown)
        return shown

    def _urgent_due(self, shown: list[Item], now: datetime) -> Item | None:
        interval = self.settings.urgent_interval
        due = [
            i
            for i in shown
            if self.settings.is_urgent(i, now)
            and (i.id not in self._last_shown or now - self._last_shown[i.id] >= interval)
        ]
        others = [i for i in due if i.id != self._previous_id]
        if others:
            due = others
        elif due and len(shown) > 1:
            return None  # the only urgent item due was just shown: something else first
        # Never shown first, then the longest waiting.
        return min(due, key=lambda i: (i.id in self._last_shown, self._last_shown.get(i.id, now), i.id), default=None)

    def _rotate(self, items: list[Item], now: datetime) -> Item:
        s = self.settings
        if len(items) > 1 and self._previous_id is not None:
            items = [i for i in items if i.id != self._previous_id] or items
        present = {i.category for i in items}
        # Turns follow the catalogue order, resuming after the category shown last (which
        # may have no candidate now, e.g. when its only item was the previous slide).
        known = present - set(s.category_order)
        if self._last_category is not None and self._last_category not in s.category_order:
            known.add(self._last_category)
        order = list(s.category_order) + sorted(known)
        if self._last_category in order:
            start = order.index(self._last_category) + 1
            order = order[start:] + order[:start]
        category = next(c for c in order if c in present)
        self._last_category = category
        pool = sorted((i for i in items if i.category == category), key=lambda i: (i.last_changed, i.id), reverse=True)
        # Smooth weighted round-robin: every candidate earns its weight, the richest is
        # shown and pays the total. Recent items earn more, so they come up more often.
        weights = {i.id: (s.recent_weight if now - i.last_changed <= s.recent else 1.0) for i in pool}
        for item_id, weight in weights.items():
            self._credit[item_id] = self._credit.get(item_id, 0.0) + weight
        chosen = max(pool, key=lambda i: self._credit[i.id])
        self._credit[chosen.id] -= sum(weights.values())
        return chosen

    def _start(self, item: Item, now: datetime, reason: str) -> Slide:
        layout = self.settings.layout
        key = (item.id, item.revision, layout.key)
        if key not in self._paged:
            text_of = item if self._body is None else replace(item, body=self._body(item))
            self._paged[key] = layout.pages(text_of, reading_blocks(text_of))
        self._sheet = self._paged[key]
        self._last_shown[item.id] = now
        self._previous_id = item.id
        return self._page(item, 1, now, reason)

    def _page(self, item: Item, page: int, now: datetime, reason: str) -> Slide:
        s = self.settings
        sheet = self._sheet
        shown = sheet.pages[page - 1] if sheet is not None and page <= len(sheet.pages) else None
        text = shown.text if shown is not None else ""
        end = now + timedelta(seconds=s.dwell(item, text))
        if item.expires_at is not None:
            end = min(end, item.expires_at)
        new = item.cadence is Cadence.AD_HOC and now - item.published_at < s.new_badge
        return self._set(
            Slide(
                item=item,
                start=now,
                end=self._bound(now, end),
                reason=reason,
                page=page,
                pages=len(sheet.pages) if sheet is not None else 1,
                text=text,
                new=new,
                title=sheet.title(page) if sheet is not None else item.title,
                lines=shown.lines if shown is not None else (),
                px=sheet.px if sheet is not None else 0.0,
            )
        )

    def _bound(self, now: datetime, end: datetime) -> datetime:
        """``end``, or sooner if office hours or a daypart change, or an urgent item goes public."""
        s = self.settings
        limits = [end, s.hours.next_boundary(now), s.dayparts.next_boundary(now)]
        limits += [
            i.public_from
            for i in self._candidates
            if s.is_urgent(i, i.public_from or now) and i.public_from and i.public_from > now
        ]
        return min(t for t in limits if t is not None)

    def _set(self, slide: Slide) -> Slide:
        self.current = slide
        return slide


def plan(items: Iterable[Item], settings: PlanSettings, start: datetime, until: datetime) -> list[Slide]:
    """The slides from ``start`` to ``until`` for a fixed set of items: a schedule preview."""
    planner = Planner(settings)
    planner.set_items(items, start)
    slides: list[Slide] = []
    now = as_utc(start)
    while now < until:
        if planner.current is not None and planner.must_cut(now):
            planner.current = replace(planner.current, page=planner.current.pages)  # no further pages
        slide = planner.next(now)
        slides.append(slide)
        # A slide always ends after it starts; guard anyway against a schedule stuck in place.
        now = slide.end if slide.end > now else now + timedelta(seconds=1)
    return slides
