"""The LED display's view model: the current slide, the ticker, the clock, office hours.

The planner (:mod:`kiosk.planner`) says what to show and until when; a
:class:`DeadlineTimer` wakes the model at that instant. When content changes, the
planner says whether the current slide must go at once (withdrawn, expired, superseded,
or an urgent item has arrived), so nothing waits for a slide to end.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk import paging, planner, preview, timefmt
from kiosk.content import Item
from kiosk.presentation import Presenter
from kiosk.qt.content_hub import ContentHub
from kiosk.qt.deadline import DeadlineTimer
from kiosk.qt.images import image_url

_SLIDE_FIELDS = ("title", "text", "unit", "category", "color", "date", "revised", "image", "qr", "page")
TICKER_SEPARATOR = "　◆　"


class SignageViewModel(QObject):
    slideChanged = Signal()  # noqa: N815 (QML notify signal)
    clockChanged = Signal()  # noqa: N815
    tickerChanged = Signal()  # noqa: N815
    displayChanged = Signal()  # noqa: N815

    def __init__(self, hub: ContentHub, parent: QObject | None = None, qr=None) -> None:
        super().__init__(parent)
        self._hub = hub
        self._qr = qr
        config = hub.config
        self._present = Presenter(hub.catalog, config.timezone, config.language)
        self._planner = planner.Planner(preview.plan_settings(config), body=self._body_of)
        self._slide: planner.Slide | None = None
        self._view: dict[str, str] = dict.fromkeys(_SLIDE_FIELDS, "")
        self._serial = 0
        self._ticker = ""
        self._clock_date = self._clock_time = ""
        self._slide_timer = DeadlineTimer(hub.clock, self)
        self._slide_timer.reached.connect(self.advance)
        self._clock_timer = DeadlineTimer(hub.clock, self)
        self._clock_timer.reached.connect(self._tick_clock)
        hub.changed.connect(self._content_changed)
        self._tick_clock()
        self._content_changed()

    # -- properties --------------------------------------------------------------------

    def _field(name: str, notify: Signal):  # noqa: N805 (a property factory for the class body)
        def getter(self) -> str:
            return self._view[name]

        return Property(str, getter, notify=notify)

    title = _field("title", slideChanged)
    text = _field("text", slideChanged)
    unitName = _field("unit", slideChanged)  # noqa: N815
    categoryName = _field("category", slideChanged)  # noqa: N815
    categoryColor = _field("color", slideChanged)  # noqa: N815
    dateText = _field("date", slideChanged)  # noqa: N815
    revisedText = _field("revised", slideChanged)  # noqa: N815
    imageSource = _field("image", slideChanged)  # noqa: N815
    qrSource = _field("qr", slideChanged)  # noqa: N815
    #: "2/5" on paged items, empty otherwise.
    pageText = _field("page", slideChanged)  # noqa: N815

    def _slide_flag(attribute: str, notify: Signal):  # noqa: N805
        def getter(self) -> bool:
            return bool(self._slide and getattr(self._slide, attribute))

        return Property(bool, getter, notify=notify)

    isNew = _slide_flag("new", slideChanged)  # noqa: N815

    def _get_urgent(self) -> bool:
        return bool(self._slide and self._slide.item and self._slide.item.is_urgent)

    isUrgent = Property(bool, _get_urgent, notify=slideChanged)  # noqa: N815

    def _get_item_id(self) -> str:
        return self._slide.item.id if self._slide and self._slide.item else ""

    itemId = Property(str, _get_item_id, notify=slideChanged)  # noqa: N815

    def _get_serial(self) -> int:
        return self._serial

    #: Increases with every new slide: QML starts its transition on it.
    serial = Property(int, _get_serial, notify=slideChanged)

    def _get_has_slide(self) -> bool:
        return bool(self._slide and self._slide.item)

    hasSlide = Property(bool, _get_has_slide, notify=slideChanged)  # noqa: N815

    def _get_display_on(self) -> bool:
        return not (self._slide and self._slide.reason == "off-hours")

    #: False outside office hours.
    displayOn = Property(bool, _get_display_on, notify=slideChanged)  # noqa: N815

    def _get_outside_mode(self) -> str:
        return self._hub.config.signage.outside_hours

    outsideHours = Property(str, _get_outside_mode, constant=True)  # noqa: N815

    def _get_min_font(self) -> int:
        return self._hub.config.signage.min_font_px

    minFontPx = Property(int, _get_min_font, constant=True)  # noqa: N815

    def _get_ticker(self) -> str:
        return self._ticker

    #: Urgent and ad-hoc titles, separated; empty hides the ticker.
    tickerText = Property(str, _get_ticker, notify=tickerChanged)  # noqa: N815

    def _get_ticker_speed(self) -> float:
        return self._hub.config.signage.ticker_speed

    tickerSpeed = Property(float, _get_ticker_speed, constant=True)  # noqa: N815

    def _get_clock_date(self) -> str:
        return self._clock_date

    clockDate = Property(str, _get_clock_date, notify=clockChanged)  # noqa: N815

    def _get_clock_time(self) -> str:
        return self._clock_time

    clockTime = Property(str, _get_clock_time, notify=clockChanged)  # noqa: N815

    # -- behaviour -----------------------------------------------------------------------

    @Slot(float, float, float)
    def setStage(self, width: float, height: float, scale: float) -> None:  # noqa: N802 (called from QML)
        """The slide area in pixels and the screen's size factor: pages are cut to fit it."""
        if width <= 0 or height <= 0:
            return  # not laid out yet
        narrow, wide = paging.slide_capacities(width, height, scale, self._hub.config.signage.min_font_px)
        settings = self._planner.settings
        if (narrow, wide) != (settings.page_chars, settings.page_chars_wide):
            self._planner.settings = replace(settings, page_chars=narrow, page_chars_wide=wide)
            if self._slide is not None and self._slide.item is not None:
                # The slide on screen was cut for another size (at start, before layout).
                self._show(self._planner.restart(self._hub.clock.now()))

    @Slot()
    def advance(self) -> None:
        """Show the next slide (or page) of the rotation."""
        self._show(self._planner.next(self._hub.clock.now()))

    def stop(self) -> None:
        """Stop every timer (at shutdown)."""
        self._slide_timer.stop()
        self._clock_timer.stop()

    @Slot()
    def _content_changed(self) -> None:
        now = self._hub.clock.now()
        # Without bodies: at 10,000 items they are megabytes, and only the slide being cut
        # into pages needs one (read then by _body_of).
        items = self._hub.items(with_body=False)
        self._set_ticker(items)
        if self._planner.set_items(items, now) or self._slide is None or self._slide.item is None:
            # Withdrawn, expired, superseded, an urgent arrival, or nothing on screen yet.
            self._show(self._planner.next(now))

    def _body_of(self, item: Item) -> str:
        full = self._hub.item(item.id)
        return full.body if full is not None else ""

    def _set_ticker(self, items: list[Item]) -> None:
        urgent = [i for i in items if i.is_urgent]
        ad_hoc = [i for i in items if not i.is_urgent and i.cadence.value == "ad-hoc"]
        text = TICKER_SEPARATOR.join(i.title for i in urgent + ad_hoc[:10])
        if text != self._ticker:
            self._ticker = text
            self.tickerChanged.emit()

    def _show(self, slide: planner.Slide) -> None:
        self._slide = slide
        self._serial += 1
        item = slide.item
        if item is None:
            self._view = dict.fromkeys(_SLIDE_FIELDS, "")
        else:
            p = self._present
            images = [a for a in item.attachments if a.is_image]
            self._view = {
                "title": item.title,
                "text": slide.text,
                "unit": p.unit_name(item),
                "category": p.category_name(item),
                "color": p.category_color(item),
                "date": p.date_text(item),
                "revised": p.revised_text(item),
                "image": image_url(images[0].sha256) if images and slide.page == 1 else "",
                "qr": self._qr.url_for(item.id, item.web_url) if self._qr is not None and item.web_url else "",
                "page": f"{slide.page}/{slide.pages}" if slide.pages > 1 else "",
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
        self._clock_timer.set(now.replace(second=0, microsecond=0) + timedelta(minutes=1))
