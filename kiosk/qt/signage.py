"""The LED display's view model: the current slide, the ticker, the clock, office hours.

The planner (:mod:`kiosk.planner`) says what to show and until when; a
:class:`DeadlineTimer` wakes the model at that instant. When content changes, the
planner says whether the current slide must go at once (withdrawn, expired, superseded,
or an urgent item has arrived), so nothing waits for a slide to end.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import replace
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from kiosk import changes, display_power, planner, preview, rules, timefmt, wall
from kiosk.changes import ContentChange
from kiosk.content import Item
from kiosk.presentation import Presenter, office_lines
from kiosk.qt import staleness
from kiosk.qt.content_hub import ContentHub
from kiosk.qt.deadline import DeadlineTimer
from kiosk.qt.images import image_url
from kiosk.qt.props import qt_property, view_key
from kiosk.qt.wall_layout import QtMeasure

#: The background runner's lane for the play log's writes (each one an fsync), in order.
PLAYLOG_LANE = "playlog"
_SLIDE_FIELDS = ("title", "text", "unit", "category", "color", "date", "revised", "image", "qr", "page")
log = logging.getLogger(__name__)
TICKER_SEPARATOR = "　◆　"


def _notes() -> tuple[str, str]:
    # The last line of an item cut short, with a QR code beside it and without one.
    return (
        QCoreApplication.translate("SignageViewModel", "未完，全文请扫码或到触摸屏阅读"),
        QCoreApplication.translate("SignageViewModel", "未完，全文请到触摸屏阅读"),
    )


def _newest_first(item: Item) -> tuple[float, str]:
    return (-item.last_changed.timestamp(), item.id)


class SignageViewModel(QObject):
    slideChanged = Signal()
    clockChanged = Signal()
    tickerChanged = Signal()
    staleChanged = Signal()

    def __init__(self, hub: ContentHub, parent: QObject | None = None, qr=None, playlog=None) -> None:
        super().__init__(parent)
        self._hub = hub
        self._qr = qr
        #: Proof of play (kiosk.playlog.PlayLog): every slide, blank and off-hours span shown.
        self._playlog = playlog
        if playlog is not None:
            playlog.defer = functools.partial(hub.runner.submit, on_error=_log_failed, lane=PLAYLOG_LANE)
        config = hub.config
        self._present = Presenter(hub.catalog, config.timezone, config.language)
        self._planner = planner.Planner(preview.plan_settings(config), body=self._body_of)
        self._slide: planner.Slide | None = None
        self._view: dict[str, str] = dict.fromkeys(_SLIDE_FIELDS, "")
        self._lines: list[dict[str, str]] = []
        self._text_px = self._title_px = self._line_height = 0
        self._measure = QtMeasure()
        self._serial = 0
        self._ticker = ""
        self._stale = ""
        self._clock_date = self._clock_time = ""
        self._slide_timer = DeadlineTimer(hub.clock, self)
        self._slide_timer.reached.connect(self.advance)
        self._clock_timer = DeadlineTimer(hub.clock, self)
        self._clock_timer.reached.connect(self._tick_clock)
        self._held: dict[str, Item] = {}
        #: Switches the screens' power at office-hours boundaries, if commands are configured.
        self.power = display_power.from_config(config.signage)
        hub.changed.connect(self._content_changed)
        self._tick_clock()
        self._content_changed(changes.EVERYTHING)

    # -- properties --------------------------------------------------------------------

    title = qt_property(str, view_key("_view", "title"), slideChanged)
    text = qt_property(str, view_key("_view", "text"), slideChanged)
    unitName = qt_property(str, view_key("_view", "unit"), slideChanged)
    categoryName = qt_property(str, view_key("_view", "category"), slideChanged)
    categoryColor = qt_property(str, view_key("_view", "color"), slideChanged)
    dateText = qt_property(str, view_key("_view", "date"), slideChanged)
    revisedText = qt_property(str, view_key("_view", "revised"), slideChanged)
    imageSource = qt_property(str, view_key("_view", "image"), slideChanged)
    qrSource = qt_property(str, view_key("_view", "qr"), slideChanged)
    #: The page's text, line by line as cut: {"text", "style"} (text, heading or note).
    lines = qt_property(list, "_lines", slideChanged)
    #: Pixel sizes of the text and the title, as the pages were measured.
    textPx = qt_property(int, "_text_px", slideChanged)
    titlePx = qt_property(int, "_title_px", slideChanged)
    #: The height of each text line: the page is a grid of such lines.
    lineHeight = qt_property(int, "_line_height", slideChanged)
    #: "2/5" on paged items, empty otherwise.
    pageText = qt_property(str, view_key("_view", "page"), slideChanged)
    isNew = qt_property(bool, lambda self: bool(self._slide and self._slide.new), slideChanged)
    isUrgent = qt_property(bool, lambda self: self._urgent_slide(), slideChanged)
    itemId = qt_property(
        str, lambda self: self._slide.item.id if self._slide and self._slide.item else "", slideChanged
    )
    #: Increases with every new slide: QML starts its transition on it.
    serial = qt_property(int, "_serial", slideChanged)
    hasSlide = qt_property(bool, lambda self: bool(self._slide and self._slide.item), slideChanged)
    #: False outside office hours.
    displayOn = qt_property(bool, lambda self: not (self._slide and self._slide.reason == "off-hours"), slideChanged)
    outsideHours = qt_property(str, lambda self: self._hub.config.signage.outside_hours)
    #: The office's name, hours and contacts, shown while there is no item to show.
    officeLines = qt_property(list, lambda self: office_lines(self._hub.config.contact, self._hub.config.language))
    minFontPx = qt_property(int, lambda self: self._hub.config.signage.min_font_px)
    #: Urgent and ad-hoc titles, separated; empty hides the ticker.
    tickerText = qt_property(str, "_ticker", tickerChanged)
    tickerSpeed = qt_property(float, lambda self: self._hub.config.signage.ticker_speed)
    #: "最后更新 …" while the content is stale, "" while it is fresh.
    staleText = qt_property(str, "_stale", staleChanged)
    clockDate = qt_property(str, "_clock_date", clockChanged)
    clockTime = qt_property(str, "_clock_time", clockChanged)

    # -- behaviour -----------------------------------------------------------------------

    @Slot(float, float, float)
    def setStage(self, width: float, height: float, scale: float) -> None:
        """The slide area in pixels and the screen's size factor: pages are cut to fit it,
        measured with the fonts the slide draws in."""
        if width <= 0 or height <= 0:
            return  # not laid out yet
        signage = self._hub.config.signage
        layout = wall.WallLayout(width, height, scale, signage.min_font_px, signage.max_pages, self._measure, _notes())
        settings = self._planner.settings
        if settings.wall is None or settings.wall.key != layout.key:
            self._planner.settings = replace(settings, wall=layout)
            if self._slide is not None and self._slide.item is not None:
                # The slide on screen was cut for another size (at start, before layout).
                self._show(self._planner.restart(self._hub.clock.now()))

    @Slot()
    def advance(self) -> None:
        """Show the next slide (or page) of the rotation."""
        self._show(self._planner.next(self._hub.clock.now()))

    @Slot(object)
    def set_sync_status(self, status) -> None:
        """After every sync attempt: say so while the content is stale."""
        text = staleness.stale_text(status, self._hub.config.timezone, self._hub.config.language)
        if text != self._stale:
            self._stale = text
            self.staleChanged.emit()

    def stop(self) -> None:
        """Stop every timer (at shutdown)."""
        self._slide_timer.stop()
        self._clock_timer.stop()
        if self.power is not None:
            self.power.close()
        if self._playlog is not None:
            self._playlog.close()
            self._hub.runner.flush(PLAYLOG_LANE)  # the last span is on disk before the exit

    @Slot(object)
    def _content_changed(self, change: ContentChange = changes.EVERYTHING) -> None:
        """Read again only what changed: at 10,000 items, re-reading every row on each
        change would cost the wall far more than showing it does. Held items are kept
        without bodies (megabytes at that size); only the slide being cut into pages
        needs one, read then by :meth:`_body_of`."""
        now = self._hub.clock.now()
        if change.everything:
            self._held = {i.id: i for i in self._hub.held_items()}
        elif change.ids:
            for item_id in change.ids:
                self._held.pop(item_id, None)
            self._held.update((i.id, i) for i in self._hub.held_items(change.upserted))
        # The planner applies the display rule at each instant; the ticker shows what may be shown now.
        items = sorted(self._held.values(), key=_newest_first)
        self._set_ticker(now)
        if self._planner.set_items(items, now) or self._slide is None or self._slide.item is None:
            # Withdrawn, expired, superseded, an urgent arrival, or nothing on screen yet.
            self._show(self._planner.next(now))

    def _body_of(self, item: Item) -> str:
        full = self._hub.item(item.id)
        return full.body if full is not None else ""

    def _urgent_slide(self) -> bool:
        slide = self._slide
        return bool(slide and slide.item and self._planner.settings.is_urgent(slide.item, slide.start))

    def _set_ticker(self, now: datetime) -> None:
        """The ticker of what may be shown at ``now``; an urgent item past its end is no
        longer put first (read again every minute with the clock, so it leaves on time)."""
        items = sorted((i for i in self._held.values() if rules.may_show(i, now)), key=_newest_first)
        settings = self._planner.settings
        urgent = [i for i in items if settings.is_urgent(i, now)]
        ad_hoc = [i for i in items if not settings.is_urgent(i, now) and i.cadence.value == "ad-hoc"]
        text = TICKER_SEPARATOR.join(i.title for i in urgent + ad_hoc[:10])
        if text != self._ticker:
            self._ticker = text
            self.tickerChanged.emit()

    def _show(self, slide: planner.Slide) -> None:
        self._slide = slide
        self._serial += 1
        item = slide.item
        self._lines = [{"text": line.text, "style": line.style} for line in slide.lines]
        self._text_px = round(slide.px)
        layout = self._planner.settings.layout
        self._title_px = layout.title_px
        self._line_height = round(layout.measure.line_height("text", slide.px)) if slide.px else 0
        if item is None:
            self._view = dict.fromkeys(_SLIDE_FIELDS, "")
        else:
            p = self._present
            images = [a for a in item.attachments if a.is_image]
            self._view = {
                "title": slide.title,
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
        self._log_play(slide)
        if self.power is not None:
            self.power.set_on(slide.reason != "off-hours")
        self.slideChanged.emit()

    def _log_play(self, slide: planner.Slide) -> None:
        if self._playlog is None:
            return
        if slide.item is not None:
            self._playlog.show("slide", item=slide.item.id, revision=slide.item.revision, page=slide.page)
        else:
            self._playlog.show("off-hours" if slide.reason == "off-hours" else "blank")

    @Slot()
    def _tick_clock(self) -> None:
        now = self._hub.clock.now()
        tz, language = self._hub.config.timezone, self._hub.config.language
        self._clock_date = timefmt.long_date_text(now, tz, language)
        self._clock_time = timefmt.time_text(now, tz)
        self.clockChanged.emit()
        self._set_ticker(now)
        # Wake at the start of the next minute, read from the clock, not counted.
        self._clock_timer.set(now.replace(second=0, microsecond=0) + timedelta(minutes=1))


def _log_failed(exc: BaseException) -> None:
    log.warning("proof of play: a span was not written: %s", exc)
