"""The LED display's view model: the current slide, and the date and time.

The planner says which item to show and until when; a :class:`DeadlineTimer` wakes the
model at that instant. A content change re-plans at once, so a withdrawn item leaves the
wall without waiting for its slide to end.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk import planner, timefmt
from kiosk.presentation import Presenter
from kiosk.qt.content_hub import ContentHub
from kiosk.qt.deadline import DeadlineTimer
from kiosk.qt.images import image_url

_SLIDE_FIELDS = ("title", "summary", "unit", "category", "color", "date", "revised", "image")


class SignageViewModel(QObject):
    slideChanged = Signal()  # noqa: N815 (QML notify signal)
    clockChanged = Signal()  # noqa: N815

    def __init__(self, hub: ContentHub, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hub = hub
        config = hub.config
        self._present = Presenter(hub.catalog, config.timezone, config.language)
        self._rule = planner.DwellRule(config.signage.min_dwell, config.signage.max_dwell,
                                       config.signage.chars_per_second)
        self._slide: planner.Slide | None = None
        self._view: dict[str, str] = dict.fromkeys(_SLIDE_FIELDS, "")
        self._serial = 0
        self._slide_timer = DeadlineTimer(hub.clock, self)
        self._slide_timer.reached.connect(self.advance)
        self._clock_timer = DeadlineTimer(hub.clock, self)
        self._clock_timer.reached.connect(self._tick_clock)
        hub.changed.connect(self._content_changed)
        self._tick_clock()
        self.advance()

    # -- properties --------------------------------------------------------------------

    def _field(name: str, notify: Signal):  # noqa: N805 (a property factory for the class body)
        def getter(self) -> str:
            return self._view[name]

        return Property(str, getter, notify=notify)

    title = _field("title", slideChanged)
    summary = _field("summary", slideChanged)
    unitName = _field("unit", slideChanged)  # noqa: N815
    categoryName = _field("category", slideChanged)  # noqa: N815
    categoryColor = _field("color", slideChanged)  # noqa: N815
    dateText = _field("date", slideChanged)  # noqa: N815
    revisedText = _field("revised", slideChanged)  # noqa: N815
    imageSource = _field("image", slideChanged)  # noqa: N815

    def _get_item_id(self) -> str:
        return self._slide.item.id if self._slide else ""

    itemId = Property(str, _get_item_id, notify=slideChanged)  # noqa: N815

    def _get_serial(self) -> int:
        return self._serial

    #: Increases with every new slide: QML starts its transition on it.
    serial = Property(int, _get_serial, notify=slideChanged)

    def _get_has_slide(self) -> bool:
        return self._slide is not None

    hasSlide = Property(bool, _get_has_slide, notify=slideChanged)  # noqa: N815

    def _get_clock_date(self) -> str:
        return self._clock_date

    clockDate = Property(str, _get_clock_date, notify=clockChanged)  # noqa: N815

    def _get_clock_time(self) -> str:
        return self._clock_time

    clockTime = Property(str, _get_clock_time, notify=clockChanged)  # noqa: N815

    # -- behaviour -----------------------------------------------------------------------

    @Slot()
    def advance(self) -> None:
        """Show the next slide of the rotation."""
        previous = self._slide.item.id if self._slide else None
        self._show(planner.next_slide(self._hub.items(), previous, self._hub.clock.now(), self._rule))

    def stop(self) -> None:
        """Stop every timer (at shutdown)."""
        self._slide_timer.stop()
        self._clock_timer.stop()

    @Slot()
    def _content_changed(self) -> None:
        items = self._hub.items()
        current = self._slide.item if self._slide else None
        still_there = current is not None and any(i.id == current.id and i.revision == current.revision for i in items)
        if not still_there:
            # Withdrawn, expired or superseded: replace it now, mid-slide.
            self._show(planner.next_slide(items, current.id if current else None, self._hub.clock.now(), self._rule))

    def _show(self, slide: planner.Slide | None) -> None:
        self._slide = slide
        self._serial += 1
        if slide is None:
            self._view = dict.fromkeys(_SLIDE_FIELDS, "")
            self._slide_timer.stop()
        else:
            item, p = slide.item, self._present
            images = [a for a in item.attachments if a.is_image]
            self._view = {
                "title": item.title,
                "summary": p.excerpt(item),
                "unit": p.unit_name(item),
                "category": p.category_name(item),
                "color": p.category_color(item),
                "date": p.date_text(item),
                "revised": p.revised_text(item),
                "image": image_url(images[0].sha256) if images else "",
            }
            self._slide_timer.set(slide.end)
        self.slideChanged.emit()

    @Slot()
    def _tick_clock(self) -> None:
        now = self._hub.clock.now()
        tz, language = self._hub.config.timezone, self._hub.config.language
        self._clock_date = timefmt.long_date_text(now, tz, language)
        self._clock_time = timefmt.time_text(now, tz)
        self.clockChanged.emit()
        # Wake at the start of the next minute, read from the clock, not counted.
        next_minute = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
        self._clock_timer.set(next_minute)
