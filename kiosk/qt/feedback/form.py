"""The opinion box's view model: the feedback form, one-tap ratings, the thank-you page.

States: ``form`` (kind, text, optional name and telephone behind an explicit consent
switch, the item it is about, removable) → ``sending`` (the outbox commit runs on the
background runner: ``synchronous=FULL`` waits for the disk) → ``thanks`` (the reference
code; what the visitor typed is already forgotten). A one-tap rating goes straight to the
outbox, except a low one (不满意, 非常不满意), which first offers ``reason``: a few
configured reasons, a typed one, or none at all — it invites, never forces.

Nothing here waits on the network: the sync service uploads the outbox; ``submitted``
tells it to start now. :meth:`reset` (the idle reset) forgets everything of the visitor;
a low rating still waiting for its reason is dropped then, not sent.

The same five levels sit on the home page and on every item page (:meth:`rate_about`):
a good rating there is answered in place (:mod:`kiosk.qt.feedback.quick`), without
touching the form; a low one opens the same optional ``reason``.
"""

from __future__ import annotations

import logging
from datetime import datetime
from enum import StrEnum
from functools import partial

from PySide6.QtCore import QObject, Signal, Slot

from kiosk import feedback as fb
from kiosk.clock import Clock, SystemClock
from kiosk.config import Config
from kiosk.outbox import Outbox, RateLimited
from kiosk.qt.background import BackgroundRunner
from kiosk.qt.feedback import rating as ratings
from kiosk.qt.feedback import texts
from kiosk.qt.feedback.draft import Draft
from kiosk.qt.feedback.lookup import ReferenceLookup
from kiosk.qt.feedback.message import FormMessage
from kiosk.qt.feedback.quick import QuickRatings
from kiosk.qt.feedback.rating import About, PendingRating
from kiosk.qt.feedback.texts import STRIPPED
from kiosk.qt.feedback.writer import OutboxWriter
from kiosk.qt.i18n import fill
from kiosk.qt.props import qt_property

log = logging.getLogger(__name__)


class FormState(StrEnum):
    """Where the opinion box is; QML reads it as the string ``state``."""

    FORM = "form"
    SENDING = "sending"
    THANKS = "thanks"
    REASON = "reason"


class FeedbackViewModel(QObject):
    changed = Signal()  # form fields and messages
    stateChanged = Signal()
    #: A record was committed to the outbox (its id): time to upload.
    submitted = Signal(str)
    #: The visitor cancelled a low rating instead of sending it (with or without a reason).
    ratingCancelled = Signal()
    noticeChanged = Signal()

    def __init__(
        self,
        config: Config,
        runner: BackgroundRunner,
        *,
        outbox: Outbox | None = None,
        clock: Clock | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._config = config.feedback
        self._contact = config.contact
        self._clock = clock or SystemClock()
        # The outbox, the per-visit wait and the kiosk-wide flood guard, shared with the ratings.
        self._writer = OutboxWriter(config, runner, outbox)
        self._visit = self._writer.visit
        # What is wrong with the form, or how long to wait (counted down in the message).
        self._message = FormMessage(self._clock, self)
        self._message.changed.connect(self.changed)
        self._about: About | None = None
        self._state = FormState.FORM
        # One-tap ratings from the home and item pages: their own small state, not the form's.
        self._quick = QuickRatings(self._writer, self._clock, self)
        self._quick.changed.connect(self.noticeChanged)
        self._quick.submitted.connect(self.submitted)
        # "What became of my opinion?"
        self._lookup = ReferenceLookup(self._writer.outbox, runner, self, config.state_dir)
        self._clear()

    def _clear(self) -> None:
        self._message.clear()
        self._draft = Draft()
        self._reference = ""
        self._pending = PendingRating()
        self._follow_up = False

    # -- properties --------------------------------------------------------------------

    state = qt_property(str, "_state", stateChanged)
    kinds = qt_property(list, lambda self: texts.kinds())
    ratings = qt_property(list, lambda self: texts.ratings())
    reasons = qt_property(list, lambda self: list(self._config.low_rating_reasons))
    #: The office's published email and telephone for opinions.
    contactLines = qt_property(list, lambda self: texts.contact_lines(self._contact))
    kind = qt_property(str, "_draft.kind", changed)
    text = qt_property(str, "_draft.text", changed)
    consent = qt_property(bool, "_draft.consent", changed)
    name = qt_property(str, "_draft.name", changed)
    phone = qt_property(str, "_draft.phone", changed)
    message = qt_property(str, "_message.text", changed)
    reference = qt_property(str, "_reference", changed)
    lookup = qt_property(ReferenceLookup, "_lookup")
    pendingRating = qt_property(str, "_pending.rating", changed)
    followUp = qt_property(bool, "_follow_up", changed)
    textLength = qt_property(int, lambda self: fb.graphemes(self._draft.text.strip()), changed)
    minLength = qt_property(int, lambda self: self._config.min_length)
    maxLength = qt_property(int, lambda self: self._config.max_length)
    followUpDays = qt_property(int, lambda self: self._config.follow_up_days)
    aboutTitle = qt_property(str, lambda self: self._about[2] if self._about else "", changed)
    pendingRatingName = qt_property(str, lambda self: texts.rating_name(self._pending.rating), changed)
    #: The in-place answer to a one-tap rating: "", "thanks", "limited" or "failed".
    ratingNotice = qt_property(str, lambda self: self._quick.notice, noticeChanged)
    #: With ``ratingNotice == "limited"``: seconds until the kiosk accepts the next one.
    ratingRetryIn = qt_property(int, lambda self: self._quick.retryIn, noticeChanged)
    ratingBusy = qt_property(bool, lambda self: self._quick.busy, noticeChanged)
    #: Seconds until the form may be sent again (0: now); ``message`` counts them down.
    retryIn = qt_property(int, "_message.seconds", changed)

    @property
    def form_state(self) -> FormState:
        return self._state

    @property
    def quick(self) -> QuickRatings:
        return self._quick

    # -- the form ----------------------------------------------------------------------

    def set_about(self, item_id: str | None, revision: int | None = None, title: str = "") -> None:
        """The item the feedback is about (from an item page), or None for general feedback."""
        self._about = (item_id, int(revision), title) if item_id and revision else None
        self.changed.emit()

    @Slot()
    def removeAbout(self) -> None:
        self._about = None
        self.changed.emit()

    @Slot(str)
    def setKind(self, kind: str) -> None:
        if self._draft.set_kind(kind):
            self.changed.emit()

    @Slot(str)
    def setText(self, text: str) -> None:
        self._set_typed("text", text)

    @Slot(str)
    def setName(self, name: str) -> None:
        self._set_typed("name", name)

    @Slot(str)
    def setPhone(self, phone: str) -> None:
        self._set_typed("phone", phone)

    @Slot(bool)
    def setConsent(self, consent: bool) -> None:
        if self._draft.set_consent(consent):
            self.changed.emit()

    def _set_typed(self, field: str, value: str) -> None:
        changed, stripped = self._draft.set_typed(field, value)
        if changed:
            self._message.replace(self.tr(STRIPPED) if stripped else "")
            self.changed.emit()

    @Slot()
    def submit(self) -> None:
        """Check the form; if good, commit it to the outbox (in a worker) and say thank you."""
        if self._state is not FormState.FORM:
            return
        problem = self._draft.problem(self._config)
        if problem:
            self._message.say(problem)
            return
        self._commit(self._draft.record(self._about, self._clock.now()))

    # -- one-tap ratings ---------------------------------------------------------------

    @Slot(str)
    def rate(self, rating: str) -> None:
        """One tap on the five-level scale; a low rating asks (optionally) for a reason first."""
        if rating not in fb.RATINGS or self._state not in (FormState.FORM, FormState.THANKS):
            return
        if rating in fb.LOW_RATINGS:
            self._ask_reason(rating, self._about)
            return
        self._commit(ratings.record(rating, "", self._about, self._clock.now()))

    def rate_about(self, rating: str, item_id: str | None = None, revision: int | None = None) -> None:
        """A one-tap rating from the home page (no item) or an item page (its id and revision).

        A good one goes to the outbox at once and is answered in place (``ratingNotice``);
        the form is left as it is. A low one opens ``reason`` like :meth:`rate`.
        """
        if rating not in fb.RATINGS:
            return
        about = (item_id, int(revision), "") if item_id and revision else None
        if rating in fb.LOW_RATINGS:
            if self._state in (FormState.FORM, FormState.THANKS):
                self._ask_reason(rating, about)
            return
        self._quick.rate(rating, about, fb.Limits(self._config.min_length, self._config.max_length))

    @Slot()
    def dismissNotice(self) -> None:
        """The in-place answer has been seen (its timer, a new page, the idle reset)."""
        self._quick.dismiss()

    def _ask_reason(self, rating: str, about: About | None) -> None:
        self._pending = PendingRating(rating, about)
        self._message.replace("")
        self.changed.emit()
        self._set_state(FormState.REASON)

    @Slot(str)
    def chooseReason(self, reason: str) -> None:
        """Send the waiting low rating with this reason (a configured one, or typed; "" for none)."""
        if self._state is not FormState.REASON or not self._pending.rating:
            return
        sent = self._pending.with_reason(reason, self._config.max_length)
        if sent is None:
            self._message.say(fill(self.tr("原因太长：最多 %1 个字"), self._config.max_length))
            return
        self._commit(self._pending.record(sent, self._clock.now()))

    @Slot()
    def cancelRating(self) -> None:
        if self._state is not FormState.REASON:
            return
        self._pending = PendingRating()
        self.changed.emit()
        self._set_state(FormState.FORM)
        self.ratingCancelled.emit()

    # -- committing --------------------------------------------------------------------

    def _commit(self, record: fb.Feedback) -> None:
        try:
            fb.validate(record, fb.Limits(self._config.min_length, self._config.max_length))
        except fb.FeedbackInvalid as exc:  # the form's own checks come first; this is the guard
            self._message.say(str(exc))
            return
        now = self._clock.now()
        wait = self._visit.wait(now)
        if wait > 0:  # this visit sent something moments ago
            self._message.wait(wait)
            return
        self._returning_to = self._state
        self._set_state(FormState.SENDING)
        self._writer.write(record, now, partial(self._committed, record), self._not_committed)

    def _committed(self, record: fb.Feedback, at: datetime, _receipt: object = None) -> None:
        if self._state is not FormState.SENDING:  # the visitor was reset meanwhile; it is saved all the same
            self.submitted.emit(record.id)
            return
        self._visit.accepted(at)
        # Thank you, with the code to quote; nothing the visitor typed stays on screen.
        self._clear()
        self._reference = record.reference
        self._follow_up = record.needs_follow_up
        self.changed.emit()
        self._set_state(FormState.THANKS)
        self.submitted.emit(record.id)

    def _not_committed(self, error: BaseException) -> None:
        if self._state is not FormState.SENDING:
            return
        back = FormState.REASON if self._returning_to is FormState.REASON else FormState.FORM
        self._set_state(back)
        if isinstance(error, RateLimited):  # the kiosk-wide flood guard
            self._message.wait(error.retry_in)
            return
        log.error("feedback not saved: %s", error)
        self._message.say(texts.not_saved(error, self._contact.telephone))

    @Slot()
    def newFeedback(self) -> None:
        """From the thank-you page back to an empty form."""
        self._clear()
        self.changed.emit()
        self._set_state(FormState.FORM)

    @Slot()
    def reset(self) -> None:
        """The idle reset: forget the visitor, half-filled form and waiting rating included."""
        self._about = None
        self._clear()
        self._visit.restart()  # a new visit: the next visitor does not wait for this one
        self._quick.reset()
        self._lookup.reset()
        self.changed.emit()
        # A commit in flight still finishes (the visitor saw no thank-you; it is kept
        # all the same), but its result is not shown to the next visitor.
        self._set_state(FormState.FORM)

    def close(self) -> None:
        self._quick.timer.stop()
        self._quick.countdown.stop()
        self._message.stop()
        self._writer.close()

    # -- internals ---------------------------------------------------------------------

    def _set_state(self, state: FormState) -> None:
        if state != self._state:
            self._state = state
            self.stateChanged.emit()
