"""Where this kiosk's feedback stands at the office, fetched from the store for the lookup.

``GET /v1/feedback/status`` answers, for this kiosk's records only, each reference with
"received", "handling" or "answered" and nothing else. The answer is kept in one small file
under ``state_dir`` (``feedback-status.json``, written to a temporary file then renamed, so a
crash leaves the previous one), with the answer's ``ETag`` so an unchanged answer costs a
304. A broken or hostile answer — not JSON, wrong types, a bad reference, too large — is
logged in one line and changes nothing; the lookup then says what it said before.
"""

from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path
from typing import Any

from kiosk import paths
from kiosk.sync.errors import SyncError

log = logging.getLogger(__name__)

FILE_NAME = "feedback-status.json"
#: The store lists at most a few thousand records of ~50 bytes; anything far larger is not
#: an answer to keep (the download stops at this size).
MAX_BYTES = 256 * 1024
MAX_ENTRIES = 5000
STATUSES = frozenset({"received", "handling", "answered"})
#: A reference as the store writes it (kiosk.feedback's alphabet, with the dash).
_REFERENCE = re.compile(r"^[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}$")


class BadAnswer(ValueError):
    """The store's answer is not a list of references and statuses."""


def parse(body: bytes) -> dict[str, str]:
    """``{reference: status}`` from the store's answer; raises :class:`BadAnswer`."""
    if len(body) > MAX_BYTES:
        raise BadAnswer(f"{len(body)} bytes, more than {MAX_BYTES}")
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:  # deep nesting: RecursionError
        raise BadAnswer(f"not JSON ({exc.__class__.__name__})") from None
    if not isinstance(data, list) or len(data) > MAX_ENTRIES:
        raise BadAnswer(f"expected a list of at most {MAX_ENTRIES} entries")
    found: dict[str, str] = {}
    for entry in data:
        if not isinstance(entry, dict) or set(entry) != {"reference", "status"}:
            raise BadAnswer("an entry is not {reference, status}")
        reference, status = entry["reference"], entry["status"]
        if not isinstance(reference, str) or not _REFERENCE.match(reference):
            raise BadAnswer("an entry's reference is not one")
        if status not in STATUSES:
            raise BadAnswer("an entry's status is not received, handling or answered")
        found.setdefault(reference, status)  # the newest first: a reused code keeps its newest
    return found


def read(state_dir: Path) -> dict[str, str]:
    """The statuses last fetched (empty when none was, or the file is damaged)."""
    kept = _load(Path(state_dir) / FILE_NAME)
    return kept["statuses"] if kept else {}


def refresh(client: Any, state_dir: Path) -> bool:
    """Fetch the statuses and keep them; True when the kept file changed. Never raises: a
    failure is one log line (the next upload round tries again)."""
    path = Path(state_dir) / FILE_NAME
    kept = _load(path)
    try:
        answer = client.feedback_status(kept["etag"] if kept else None, MAX_BYTES)
        if answer is None:  # 304: nothing changed
            return False
        body, etag = answer
        statuses = parse(body)
    except SyncError as exc:
        log.warning("feedback status: %s", exc)
        return False
    except BadAnswer as exc:
        log.warning("feedback status: the store's answer was refused: %s", exc)
        return False
    try:
        _save(path, {"etag": etag[:200], "statuses": statuses})
    except OSError as exc:
        log.warning("feedback status: cannot keep the answer: %s", exc)
        return False
    return True


def _load(path: Path) -> dict[str, Any] | None:
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_BYTES * 2 + 1)
        data = json.loads(raw.decode("utf-8")) if len(raw) <= MAX_BYTES * 2 else None
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("etag"), str):
        return None
    statuses = data.get("statuses")
    if not isinstance(statuses, dict) or not all(isinstance(k, str) and v in STATUSES for k, v in statuses.items()):
        return None
    return data


def _save(path: Path, data: dict[str, Any]) -> None:
    # Owner-only like everything under state_dir: references are not secret, but a kiosk's
    # files are the kiosk's (paths.private_*).
    paths.private_dir(path.parent)
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)  # a crash's leftover, whatever its mode
    paths.private_file(tmp)
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, separators=(",", ":"))
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
