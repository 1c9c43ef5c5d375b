"""A visitor's feedback reference, looked up on the kiosk: what this kiosk can honestly say.

The kiosk keeps a submission only until the central store has acknowledged it, then
deletes its copy (personal data must leave the kiosk), and no answer from the office comes
back to it but where the office stands: each upload round brings, for this kiosk's records
only, a reference and one word (:mod:`kiosk.sync.feedback_status`). So of a reference typed
here it knows one of these, and says no more:

- ``waiting``: the submission is on this kiosk, not yet delivered (the store was
  unreachable, or a retry is due); it goes as soon as the kiosk reaches the store;
- ``refused``: it is on this kiosk and the store refused it (the office sees it with
  ``kiosk outbox``);
- ``received``, ``handling``, ``answered``: delivered, and the store's last answer says the
  office has it (nothing is owed: a rating or a praise), is handling it, or has answered it;
- ``unknown``: neither on this kiosk nor in the store's last answer — given by another
  kiosk, too old, delivered since the last answer, or mistyped; the kiosk cannot tell
  which, and points to the office's telephone.

A reference that cannot be one (the wrong length or letters) is ``invalid``. The outbox is
and the statuses' file are read in a worker (:mod:`kiosk.qt.background`); only references
and states are read, never a text or a contact.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.outbox import Outbox
from kiosk.qt.background import BackgroundRunner
from kiosk.qt.props import qt_property
from kiosk.sync import feedback_status

#: Six characters of the reference alphabet (kiosk.feedback), with or without the dash.
_REFERENCE = re.compile(r"^([2-9A-HJ-NP-Z]{3})-?([2-9A-HJ-NP-Z]{3})$")
#: The outbox's entry states, as the visitor is told them.
_STATES = {"pending": "waiting", "rejected": "refused"}


def find_state(outbox: Outbox, reference: str, state_dir: Path | None = None) -> str:
    """What the kiosk can say of ``reference`` (runs in a worker)."""
    for entry in outbox.listing():
        if entry["reference"] == reference:
            return _STATES.get(entry["state"], "waiting")
    # The outbox first: a record still here has not reached the office, whatever an older
    # answer of the store said of a reference that happened to be the same.
    if state_dir is not None:
        return feedback_status.read(state_dir).get(reference, "unknown")
    return "unknown"


class ReferenceLookup(QObject):
    changed = Signal()

    def __init__(
        self, outbox: Outbox, runner: BackgroundRunner, parent: QObject | None = None, state_dir: Path | None = None
    ) -> None:
        super().__init__(parent)
        self._outbox = outbox
        #: Where the sync service keeps the store's statuses (None: a kiosk without a store).
        self._state_dir = state_dir
        self._runner = runner
        self._reference = ""
        self._status = ""

    #: The reference looked up, as written on the thank-you page (``ABC-DEF``).
    reference = qt_property(str, "_reference", changed)
    #: "", "looking", "waiting", "refused", "received", "handling", "answered", "unknown" or "invalid".
    status = qt_property(str, "_status", changed)

    @Slot(str)
    def lookUp(self, typed: str) -> None:
        found = _REFERENCE.match("".join(typed.split()).upper())
        if found is None:
            self._show("", "invalid")
            return
        reference = f"{found.group(1)}-{found.group(2)}"
        self._show(reference, "looking")
        self._runner.submit(
            find_state, self._outbox, reference, self._state_dir, on_done=self._found, on_error=self._failed
        )

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
