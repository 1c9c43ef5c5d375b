"""What one store process lets a client use: body sizes, read timeouts, requests at once.

Every bound is declared here once, as a field of :class:`ServeLimits` (checked with
:mod:`kiosk.schema`'s validators); ``kiosk-store serve`` turns each field into a command-line
option with this default, and the server, its middleware (:mod:`kiosk.store.guards`) and its
HTTP protocol (:mod:`kiosk.store.http11`) read them from the one instance they are given.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kiosk.schema import check

KIB = 1024


def _positive(value: float) -> bool:
    return value > 0


def _limit(default: float, expected: str, help: str, rule: Callable[[Any], bool] = _positive) -> Any:
    """A field of :class:`ServeLimits`: its default, its rule (what a good value is) and its
    ``--help`` line."""
    return field(default=default, metadata={**check(rule, expected), "help": help})


@dataclass(frozen=True)
class ServeLimits:
    #: Feedback: 2,000 characters of text as JSON escapes, with room to spare.
    feedback_bytes: int = _limit(64 * KIB, "a positive number of bytes", "largest feedback body accepted (413 beyond)")
    #: A heartbeat: a few short fields and the kiosk's last error (at most 10,000 characters).
    heartbeat_bytes: int = _limit(
        64 * KIB, "a positive number of bytes", "largest heartbeat body accepted (413 beyond)"
    )
    #: An hour's batch of use counts (at most kiosk.usage_wire.MAX_CELLS cells) or play time.
    usage_bytes: int = _limit(512 * KIB, "a positive number of bytes", "largest usage batch accepted (413 beyond)")
    #: A console form (a sign-in, a note, an account change); uploads have their own limit.
    console_form_bytes: int = field(
        default=64 * KIB,
        metadata={
            **check(_positive, "a positive number of bytes"),
            "help": "largest console form body accepted (413 beyond)",
        },
    )
    #: An item form with its attachments (the console's editor and its live preview).
    console_upload_bytes: int = field(
        default=24 * 1024 * KIB,
        metadata={
            **check(_positive, "a positive number of bytes"),
            "help": "largest console item form (with attachments) accepted (413 beyond)",
        },
    )
    #: Every other request (they have no body; a stray one stays small).
    other_bytes: int = _limit(1 * KIB, "0 or more bytes", "largest body of any other request", rule=lambda v: v >= 0)
    #: A body over its limit is read (and dropped) up to this size before the 413, so the
    #: client reads the answer instead of a reset connection; a larger one is cut off.
    drain_bytes: int = _limit(
        16 * 1024 * KIB, "0 or more bytes", "oversized bodies read and dropped before the 413", rule=lambda v: v >= 0
    )
    #: The request line and headers together (uvicorn's h11 limit); a larger head gets 400.
    header_bytes: int = _limit(
        16 * KIB, "at least 1024 bytes", "largest request head (line and headers)", rule=lambda v: v >= 1024
    )
    #: From a connection's first byte (or the end of the previous answer) to the end of the
    #: request's headers; a client that takes longer gets 408 and is disconnected.
    header_timeout: float = _limit(
        10.0, "a positive number of seconds", "seconds a client may take to send its headers"
    )
    #: From the first read of a body to its end.
    body_timeout: float = _limit(30.0, "a positive number of seconds", "seconds a client may take to send its body")
    #: An idle keep-alive connection is closed after this (uvicorn's own setting).
    keep_alive: int = _limit(5, "a positive number of seconds", "seconds an idle connection is kept open")
    #: Requests handled at once, long-polls aside; more get 503 with Retry-After.
    max_requests: int = _limit(256, "a positive number", "requests handled at once (long-polls aside); 503 beyond")
    #: Long-polls held at once (each costs a socket and no thread); more get 503.
    max_long_polls: int = _limit(2048, "a positive number", "feed long-polls held at once; 503 beyond")
    #: Open connections (uvicorn's own limit, the last guard of file descriptors).
    max_connections: int = _limit(4096, "a positive number", "open connections at once (uvicorn answers 503 beyond)")
    #: What a 503 tells the client to wait.
    retry_after: int = _limit(2, "a positive number of seconds", "seconds a refused client is told to wait")
    #: Feedback uploads one kiosk may make at once, then ``feedback_rate`` per second (429 beyond).
    feedback_burst: float = _limit(
        100.0, "1 or more", "feedback uploads one kiosk may make at once", rule=lambda v: v >= 1
    )
    feedback_rate: float = _limit(5.0, "a positive number per second", "then at most this many per second; 429 beyond")
    #: A kiosk's feedback lookup lists its records received this many days back: a visitor
    #: looks a reference up within weeks, and an old answer is the office telephone's to give.
    feedback_status_days: int = _limit(
        90, "a positive number of days", "days of a kiosk's feedback listed by GET /v1/feedback/status"
    )
    #: At most this many records in that list (the newest), so one answer stays small.
    feedback_status_count: int = _limit(
        2000, "a positive number", "records at most in one GET /v1/feedback/status answer"
    )
    #: How often a process looks in the database for versions another process made; 0 takes the
    #: database's own (0.2 s on SQLite; 1 s on PostgreSQL, where NOTIFY wakes long-polls at once).
    poll_interval: float = _limit(
        0.0,
        "0 (the database's own) or up to 86400 seconds",
        "seconds between checks of the database for versions made elsewhere (0: 0.2 on SQLite, 1 on PostgreSQL)",
        rule=lambda v: 0 <= v <= 86400,
    )

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            rule = f.metadata.get("check")
            value = getattr(self, f.name)
            if rule is not None and not rule(value):
                raise ValueError(f"{f.name.replace('_', '-')}: expected {f.metadata['expected']}, got {value!r}")

    def body_limit(self, method: str, path: str) -> int:
        """The largest body a request to ``path`` may carry."""
        if method == "POST" and path == "/v1/feedback":
            return self.feedback_bytes
        if method == "POST" and path == "/v1/usage":
            return self.usage_bytes
        if method == "POST" and path == "/v1/heartbeat":
            return self.heartbeat_bytes
        if method == "POST" and (
            path in ("/admin/items-new", "/admin/preview")
            or (path.startswith("/admin/items/") and path.endswith("/edit"))
        ):
            return self.console_upload_bytes
        if method == "POST" and path.startswith("/admin/"):
            return self.console_form_bytes
        return self.other_bytes


#: The paths whose requests may be held open (long-polls) and are counted apart.
LONG_POLL_PATHS = frozenset({"/v1/feed/delta", "/v2/wait"})
