"""What a v2 kiosk remembers for good about items: the highest revision held, and withdrawals.

Kept apart from the content (a cache rebuilt from scratch keeps it) in one JSON file,
replaced atomically, and written *before* the content a sync applies: a crash in
between leaves the kiosk stricter, never looser. A revision below the highest one held
is a rollback; a revision at or below a kept signed withdrawal never returns.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


class Ledger:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            data = json.loads(self.path.read_text())
        except FileNotFoundError:
            data = {}
        except (OSError, ValueError):
            # Unreadable: start strict from what the content cache holds (the caller seeds it).
            data = {}
        self.revisions: dict[str, int] = {str(k): int(v) for k, v in data.get("revisions", {}).items()}
        #: item id → {"revision": r, "sha256": s, "statement": the signed withdrawal, as text}
        self.withdrawals: dict[str, dict[str, Any]] = dict(data.get("withdrawals", {}))

    def highest(self, item_id: str) -> int:
        return self.revisions.get(item_id, 0)

    def withdrawn(self, item_id: str) -> int:
        entry = self.withdrawals.get(item_id)
        return int(entry["revision"]) if entry else 0

    def hold(self, item_id: str, revision: int) -> None:
        if revision > self.revisions.get(item_id, 0):
            self.revisions[item_id] = revision

    def withdraw(self, item_id: str, revision: int, sha256: str, statement: bytes) -> None:
        if revision >= self.withdrawn(item_id):
            self.withdrawals[item_id] = {"revision": revision, "sha256": sha256, "statement": statement.decode("utf-8")}

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump({"revisions": self.revisions, "withdrawals": self.withdrawals}, f, ensure_ascii=False)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path)
