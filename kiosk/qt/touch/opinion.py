"""Between the touch screen's pages and the opinion box: what the form is about, and where
a low rating returns.

Opened from an item page, the opinion box's form is about that item (its title with the
index number, and the revision read); from anywhere else it is general. A low one-tap
rating on the home or an item page opens the box's optional reason: cancelling the reason
returns to the page the rating was given on, and leaving the box any other way drops the
rating unsent, as the idle reset does. Navigation stays with the screen: these methods
say which page to show, they never change it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kiosk.feedback import LOW_RATINGS
from kiosk.qt.feedback import FeedbackViewModel, FormState
from kiosk.qt.touch.item import ItemViewModel
from kiosk.qt.touch.session import SessionViewModel

Page = SessionViewModel.Page


class OpinionHandOver(QObject):
    #: Which item the opinion box's form is about, as the header shows it.
    aboutChanged = Signal()

    def __init__(self, feedback: FeedbackViewModel, item: ItemViewModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._feedback = feedback
        self._item = item
        self._about = ""
        #: The page a low one-tap rating came from: cancelling its reason returns there.
        self._rating_return: Page | None = None

    @property
    def about(self) -> str:
        """The item the form is about, as the header shows it ("" for general feedback)."""
        return self._about

    def open(self, page: Page) -> None:
        """The visitor opens the opinion box from ``page``."""
        self._rating_return = None
        if self._feedback.form_state is FormState.THANKS:  # a new visit to the box starts empty
            self._feedback.newFeedback()
        self._about_page(page)

    def rate(self, rating: str, page: Page) -> bool:
        """A one-tap rating given on ``page`` (about the item read there, if any): True when
        it is a low one whose optional reason the opinion box now asks for."""
        item = self._item.current if page == Page.Item else None
        about = (item.id, item.revision) if item else (None, None)
        if rating not in LOW_RATINGS:
            self._feedback.rate_about(rating, *about)
            return False
        if self._asks_reason():
            return False
        self._about_page(page)  # "继续留言" after the reason writes about the same item
        self._feedback.rate_about(rating, *about)
        if self._asks_reason():
            self._rating_return = page
            return True
        return False

    def left(self) -> None:
        """The visitor left the opinion box: a low rating still waiting for its reason is dropped."""
        self._rating_return = None  # first: the cancel below must not send the visitor back
        if self._feedback.form_state is FormState.REASON:
            self._feedback.cancelRating()

    def cancelled(self) -> Page | None:
        """The low rating's reason was cancelled: the page it was given on, if it came from one."""
        back_to, self._rating_return = self._rating_return, None
        return back_to

    def forget(self) -> None:
        """The open item is gone (closed, withdrawn, the visit over): the form is general."""
        self._set_about("")

    def reset(self) -> None:
        """The visit is over: no page to return to."""
        self._rating_return = None

    def _asks_reason(self) -> bool:
        # A call, not an inline test: the state changes under rate_about, and a type checker
        # would carry an inline test's narrowing past that call.
        return self._feedback.form_state is FormState.REASON

    def _about_page(self, page: Page) -> None:
        """The form is about the item open on ``page`` (id and the revision read), or none."""
        item = self._item.current if page == Page.Item else None
        if item is not None:
            about = self._item.title
            self._set_about(f"{about}（{item.index_number}）" if item.index_number else about)
        else:
            self._set_about("")
        self._feedback.set_about(item.id if item else None, item.revision if item else None, self._about)

    def _set_about(self, about: str) -> None:
        if about != self._about:
            self._about = about
            self.aboutChanged.emit()
