"""A visitor's feedback reference, looked up on the kiosk: what this kiosk can honestly say.

The kiosk keeps a submission only until the central store has acknowledged it, then
deletes its copy (personal data must leave the kiosk), and no answer from the office comes
back to it. So of a reference typed here it knows one of three things, and says no more:

- ``waiting``: the submission is on this kiosk, not yet delivered (the store was
  unreachable, or a retry is due); it goes as soon as the kiosk reaches the store;
- ``refused``: it is on this kiosk and the store refused it (the office sees it with
  ``kiosk outbox``);
- ``unknown``: it is not on this kiosk — delivered to the office, given by another kiosk,
  or mistyped; the kiosk cannot tell which, and points to the office's telephone.

A reference that cannot be one (the wrong length or letters) is ``invalid``. The outbox is
read in a worker (:mod:`kiosk.qt.background`); only its references and states are read,
never a text or a contact.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.outbox import Outbox
from kiosk.qt.background import BackgroundRunner
from kiosk.qt.props import qt_property

#: Six characters of the reference alphabet (kiosk.feedback), with or without the dash.
_REFERENCE = re.compile(r"^([2-9A-HJ-NP-Z]{3})-?([2-9A-HJ-NP-Z]{3})$")
#: The outbox's entry states, as the visitor is told them.
_STATES = {"pending": "waiting", "rejected": "refused"}


def find_state(outbox: Outbox, reference: str) -> str:
    """What the kiosk can say of ``reference`` (runs in a worker)."""
    for entry in outbox.listing():
        if entry["reference"] == reference:
            return _STATES.get(entry["state"], "waiting")
    return "unknown"


class ReferenceLookup(QObject):
    changed = Signal()

    def __init__(self, outbox: Outbox, runner: BackgroundRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._outbox = outbox
        self._runner = runner
        self._reference = ""
        self._status = ""

    #: The reference looked up, as written on the thank-you page (``ABC-DEF``).
    reference = qt_property(str, "_reference", changed)
    #: "", "looking", "waiting", "refused", "unknown" or "invalid".
    status = qt_property(str, "_status", changed)

    @Slot(str)
    def lookUp(self, typed: str) -> None:
        found = _REFERENCE.match("".join(typed.split()).upper())
        if found is None:
            self._show("", "invalid")
            return
        reference = f"{found.group(1)}-{found.group(2)}"
        self._show(reference, "looking")
        self._runner.submit(find_state, self._outbox, reference, on_done=self._found, on_error=self._failed)

    def reset(self) -> None:
        """The idle reset: the next visitor sees nothing of this one's lookup."""
        self._show("", "")

    def _found(self, status: str) -> None:
        if self._status == "looking":  # not reset meanwhile
            self._show(self._reference, status)

    def _failed(self, _error: BaseException) -> None:
        # An outbox that cannot be read knows nothing to tell: the honest answer is the same.
        self._found("unknown")

    def _show(self, reference: str, status: str) -> None:
        if (reference, status) != (self._reference, self._status):
            self._reference, self._status = reference, status
            self.changed.emit()
