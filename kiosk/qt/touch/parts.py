"""The touch screen's view models, one per concern, made and wired to one another.

The session (page, idle countdown, 简/繁, text size, contrast), the category listing, the
open item with its PDF, search, the attract loop, the handwriting pad, the opinion box
and its hand-over, the header's clock, read-aloud and the anonymous use counts. They
never call one another: what one must hear from another (the 简/繁 switch, a touch
anywhere restarting the idle countdown, a use to count) is a signal connected here.
What concerns navigation is wired by the screen, which owns it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from kiosk.presentation import Presenter
from kiosk.qt.admin import AdminOverlay
from kiosk.qt.background import BackgroundRunner
from kiosk.qt.clock_face import ClockFace
from kiosk.qt.content_hub import ContentHub
from kiosk.qt.feedback import FeedbackViewModel
from kiosk.qt.i18n import Translations
from kiosk.qt.speech import ReadAloud
from kiosk.qt.touch.attract import AttractViewModel
from kiosk.qt.touch.counting import UseCounter
from kiosk.qt.touch.finder import SearchViewModel
from kiosk.qt.touch.handwriting import HandwritingViewModel
from kiosk.qt.touch.item import ItemViewModel
from kiosk.qt.touch.listing import ListingViewModel
from kiosk.qt.touch.opinion import OpinionHandOver
from kiosk.qt.touch.pdf import PdfViewModel
from kiosk.qt.touch.session import SessionViewModel


class TouchParts:
    """The view models of one touch screen, children of ``owner``."""

    def __init__(
        self,
        hub: ContentHub,
        owner: QObject,
        *,
        runner: BackgroundRunner | None = None,
        translations: Translations | None = None,
        speech: ReadAloud | None = None,
        admin: AdminOverlay | None = None,
        usage=None,
        qr=None,
    ) -> None:
        # Search, the pinyin index, handwriting and the opinion box's writes run on the
        # kiosk's one background runner.
        runner = runner if runner is not None else hub.runner
        #: Anonymous use counts (kiosk.usage.Usage); None where nothing is counted (page tests).
        self.counter = UseCounter(usage, runner, hub.clock, owner)
        config = hub.config
        present = Presenter(hub.catalog, config.timezone, config.language)
        self.speech = speech or ReadAloud(parent=owner)
        self.session = SessionViewModel(
            config.idle_timeout,
            translations,
            owner,
            care_idle_timeout=config.care_idle_timeout,
            clock=hub.clock,
            idle_warning=config.idle_warning,
        )
        self.listing = ListingViewModel(hub, present, owner)
        self.item = ItemViewModel(hub, present, self.speech, owner, qr=qr)
        self.pdf = PdfViewModel(hub, owner)
        self.search = SearchViewModel(hub, runner, present, owner)
        self.attract = AttractViewModel(hub, present, owner)
        # The handwriting pad beside the keyboard.
        self.handwriting = HandwritingViewModel(runner, owner)
        # The opinion box: the form and the one-tap ratings, and what the pages hand it.
        self.feedback = FeedbackViewModel(config, runner, clock=hub.clock, parent=owner)
        self.opinion = OpinionHandOver(self.feedback, self.item, owner)
        # The header's date and time.
        self.clock = ClockFace(hub.clock, config.timezone, config.language, owner)
        #: The administrator's overlay (None where the kiosk gives none: tests of the pages).
        self.admin = admin
        self._wire()

    def _wire(self) -> None:
        # Bound methods, not lambdas: a closure would keep its objects alive (PySide6 >= 6.5).
        for view in (self.listing, self.item, self.pdf, self.search, self.attract):
            self.session.scriptChanged.connect(view.set_traditional)
            view.used.connect(self.session.touched)
        self.item.readAloudUsed.connect(self.counter.readAloudUsed)
        self.session.careModeOn.connect(self.counter.careModeUsed)
        if self.admin is not None:  # a touch on the overlay is a touch on the screen
            self.admin.used.connect(self.session.touched)

    def stop(self) -> None:
        """Stop every timer (at shutdown)."""
        self.feedback.close()
        self.session.stop()
        self.attract.stop()
        self.speech.stop()
        self.pdf.stop()
        self.handwriting.close()
        self.clock.stop()
        if self.admin is not None:
            self.admin.close()
        self.counter.close()
