"""The upload of anonymous use, as kiosk and store both read it: one batch per hour and kind.

A batch is one JSON object (UTF-8, keys sorted, no spaces, so a retry sends the same bytes):

* ``{"id": "use/HOUR", "kind": "use", "hour": HOUR, "threshold": N, "cells": [...]}`` — the
  hour's use counts as :func:`kiosk.usage.report` gives them, each ``{"metric", "key",
  "count"}``: ``count`` a whole number of at least N, or ``"< N"``; ``key`` null for the
  one row that sums the search terms too rare to leave the kiosk.
* ``{"id": "play/HOUR", "kind": "play", "hour": HOUR, "spans": [...]}`` — the wall's time in
  that hour, each ``{"what", "item", "revision", "seconds"}``: ``what`` is ``slide`` (with
  its item and revision), ``blank`` or ``off-hours`` (item and revision null). An hour
  may have more play batches than one: ``{"id": "play/HOUR/N", …, "part": N}`` for N ≥ 2,
  when the kiosk's clock was set back and the wall's log spoke of an hour again after it
  was sealed, or holds more than an hour's seconds for it (a repeated hour). Each part
  holds at most the hour's 3,600 seconds; the store adds them up.

``HOUR`` is the hour's start in UTC, ``2026-12-02T06:00:00+00:00``. The id with the device
token is the idempotency key per (kiosk, hour, kind, part): the store answers a replay of the
same bytes as it answered the first upload, and refuses other bytes under a used id.
"""

from __future__ import annotations

import json
from typing import Any

KINDS = ("use", "play")
#: What a batch may hold: an hour of a busy kiosk is a few hundred cells, of a wall a few
#: dozen items; the store refuses more (and bodies beyond its byte limit).
MAX_CELLS = 5000
MAX_SPANS = 2000
#: The store's refusal codes (in its JSON answer) that mean "these bytes never will do":
#: only then does a kiosk set a batch aside; anything else is retried.
REFUSAL_INVALID = "usage-invalid"
REFUSAL_CONFLICT = "usage-conflict"
REFUSAL_TOO_LARGE = "usage-too-large"
REFUSAL_NOT_JSON = "usage-not-json"
REFUSED_FOR_GOOD = frozenset({REFUSAL_INVALID, REFUSAL_CONFLICT, REFUSAL_TOO_LARGE})


#: The most play batches one hour may have (a clock set back that many times in it).
MAX_PARTS = 1000


def batch_id(kind: str, hour: str, part: int = 1) -> str:
    # The first part keeps the plain id: its bytes and id are what kiosks sealed before
    # hours had parts, and stores of that time take them.
    return f"{kind}/{hour}" if part == 1 else f"{kind}/{hour}/{part}"


def encode(batch: dict[str, Any]) -> bytes:
    """A batch's canonical bytes."""
    return json.dumps(batch, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
