"""The one error a sync attempt ends with, whatever went wrong.

``kind`` says whose fault it is: ``"refused"`` when the kiosk rejected what the store
sent (a bad signature, a rollback, an oversized download…), ``"failed"`` when it could not
get an answer at all (network, timeouts, HTTP errors). ``reason`` is one short word for
status and logs; ``str()`` is the one line a person reads.
"""

from __future__ import annotations


class SyncError(Exception):
    def __init__(self, kind: str, reason: str, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message.replace("\n", " "))
        self.kind = kind
        self.reason = reason
        #: Seconds the store asked us to wait (``Retry-After``), when it said so.
        self.retry_after = retry_after

    @property
    def line(self) -> str:
        """``sync refused: …`` or ``sync failed: …``: what the command line prints."""
        return f"sync {self.kind}: {self}"


class FeedbackRejected(Exception):
    """The store itself refused one feedback record (or one batch of use counts) for good.

    Raised only for the store's own JSON refusal with a code of
    :data:`kiosk.feedback.REFUSED_FOR_GOOD`. Not a :class:`SyncError`: nothing is wrong with
    the connection, and sending the same bytes again would be refused again; the record is
    kept aside in the outbox until an administrator requeues it (``kiosk outbox retry``).
    """

    def __init__(self, status: int, detail: str, code: str = "") -> None:
        super().__init__(f"the store refused the upload (HTTP {status}, {code}): {detail}"[:500])
        self.status = status
        self.code = code
