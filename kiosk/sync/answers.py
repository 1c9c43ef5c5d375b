"""Reading the store's answers: a ``Retry-After`` header, and a JSON object read only up
to a bound (the store's answers are small; a proxy's error page may be anything)."""

from __future__ import annotations

import email.utils
import json
from datetime import UTC, datetime
from typing import Any

import requests

#: Bytes read at a time from a streamed answer.
CHUNK = 64 * 1024


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from a ``Retry-After`` header (a number of seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


#: The store's answers to an upload are a few hundred bytes; a proxy's page may be anything.
MAX_ANSWER_BYTES = 64 * 1024


def json_object(response: requests.Response) -> dict[str, Any] | None:
    """The body as a JSON object when it is one, read up to MAX_ANSWER_BYTES (else None)."""
    if not content_type(response).startswith("application/json"):
        return None
    data = bytearray()
    for chunk in response.iter_content(CHUNK):
        data += chunk
        if len(data) > MAX_ANSWER_BYTES:
            return None
    try:
        parsed = json.loads(bytes(data))
    except (ValueError, RecursionError):
        return None
    return parsed if isinstance(parsed, dict) else None


def content_type(response: requests.Response) -> str:
    return (response.headers.get("Content-Type") or "no content type").split(";")[0].strip().lower()
