"""Which versions of the store's signed metadata exist, and the check that finds a restore.

The database holds the metadata the store serves (:func:`latest` of each role). The data
directory holds, in ``trust-issued.json``, the highest timestamp and snapshot versions this
store has ever signed, written after each commit. A database whose versions are below that
record was restored from a backup: serving it would hand kiosks versions they have already
seen with other contents, so building refuses (:func:`check_not_restored`) until an
administrator confirms the restore (:func:`confirm_restore`); the versions then continue
above the record (the floor kept in the database's settings).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.store.models import Setting, TrustMetadata

ISSUED_FILE = "trust-issued.json"
FLOOR_SETTING = "trust_version_floor"
#: The store key and root the metadata were last built for (cleared by a restore confirmation).
BUILT_SETTING = "trust_built_for"


class TrustError(RuntimeError):
    """The v2 feed cannot be built or signed; the message says what to do."""


class Restored(TrustError):
    """The database is older than what this store has already signed (a restored backup)."""


def latest(session: Session, role: str) -> TrustMetadata | None:
    return session.scalar(
        select(TrustMetadata).where(TrustMetadata.role == role).order_by(TrustMetadata.version.desc()).limit(1)
    )


def issued(data_dir: Path) -> dict[str, int]:
    try:
        found = json.loads((Path(data_dir) / ISSUED_FILE).read_text())
        return {k: int(v) for k, v in found.items() if k in ("timestamp", "snapshot")}
    except (OSError, ValueError, AttributeError):
        return {}


def record_issued(data_dir: Path, versions: dict[str, int]) -> None:
    """Raise the recorded maxima (after the commit: a crash before it records nothing)."""
    known = issued(data_dir)
    merged = known | {k: max(known.get(k, 0), v) for k, v in versions.items()}
    if merged == known:
        return
    path = Path(data_dir) / ISSUED_FILE
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w") as f:
        json.dump(merged, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def version_floor(session: Session) -> dict[str, int]:
    found = session.get(Setting, FLOOR_SETTING)
    return json.loads(found.value) if found is not None else {}


def check_not_restored(session: Session, data_dir: Path) -> None:
    signed = issued(data_dir)
    floor = version_floor(session)
    for role in ("timestamp", "snapshot"):
        row = latest(session, role)
        have = max(row.version if row else 0, floor.get(role, 0))
        if have < signed.get(role, 0):
            raise Restored(
                f"this store already signed {role} version {signed[role]}, but its database holds only "
                f"version {have}: it was restored from a backup. Check what the backup lacks, then "
                "run: kiosk-store restore confirm"
            )


def confirm_restore(session: Session, data_dir: Path) -> dict[str, int]:
    """Let a restored store serve again: its next versions start above everything it issued."""
    signed = issued(data_dir)
    floor = {k: max(v, signed.get(k, 0)) for k, v in version_floor(session).items()} | {
        k: v for k, v in signed.items() if k not in version_floor(session)
    }
    found = session.get(Setting, FLOOR_SETTING)
    if found is None:
        session.add(Setting(key=FLOOR_SETTING, value=json.dumps(floor)))
    else:
        found.value = json.dumps(floor)
    built = session.get(Setting, BUILT_SETTING)
    if built is not None:
        built.value = ""
    return floor
