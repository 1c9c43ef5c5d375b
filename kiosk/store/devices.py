"""Enrolled kiosks: per-device tokens (kept only as hashes), revocation, heartbeats, and the
fleet view that marks the kiosks needing someone's attention."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.store import keys
from kiosk.store.models import Device
from kiosk.store.workflow import WorkflowError

#: A kiosk reports every 5 minutes: three missed heartbeats make it silent.
SILENT_AFTER = timedelta(minutes=15)
#: Bounds of ``kiosk-store fleet --silent-after`` (seconds).
SILENT_AFTER_BOUNDS = (60, 30 * 86400)

#: Heartbeat fields a kiosk may report, with the longest text kept for each.
HEARTBEAT_TEXT_LIMITS = {"app_version": 64, "last_sync": 64, "stale_since": 64, "last_error": 2000, "cjk_font": 200}


def enroll(session: Session, name: str, now: datetime) -> str:
    """A new token for device ``name`` (a revoked device may be enrolled again); returns the token."""
    if not keys.NAME.fullmatch(name):
        raise WorkflowError(
            f"invalid device name {name!r}: use lowercase letters, digits, '.', '_' and '-' (at most 64)"
        )
    token = keys.new_token()
    device = session.scalar(select(Device).where(Device.name == name))
    if device is not None and device.revoked_at is None:
        raise WorkflowError(f"device {name} is already enrolled; revoke it first to issue a new token")
    if device is None:
        device = Device(name=name, token_sha256=keys.token_hash(token), enrolled_at=now)
        session.add(device)
    else:
        device.token_sha256 = keys.token_hash(token)
        device.enrolled_at = now
        device.revoked_at = None
    session.flush()
    return token


def was_enrolled(session: Session, name: str) -> bool:
    """Whether ``name`` was enrolled before (and revoked: enrolling it again gives a new token)."""
    return session.scalar(select(Device.id).where(Device.name == name)) is not None


def revoke(session: Session, name: str, now: datetime) -> None:
    device = session.scalar(select(Device).where(Device.name == name))
    if device is None:
        raise WorkflowError(f"no device named {name!r}")
    if device.revoked_at is not None:
        raise WorkflowError(f"device {name} is already revoked")
    device.revoked_at = now


def authenticate(session: Session, token: str) -> Device | None:
    """The enrolled, unrevoked device holding ``token``, or None."""
    if not token:
        return None
    device = session.scalar(select(Device).where(Device.token_sha256 == keys.token_hash(token)))
    if device is None or device.revoked_at is not None:
        return None
    return device


def heartbeat(session: Session, device_id: int, report: dict, now: datetime) -> None:
    device = session.get(Device, device_id)
    if device is None:  # removed since it authenticated: nothing to record
        return
    device.last_seen_at = now
    for name, limit in HEARTBEAT_TEXT_LIMITS.items():
        value = report.get(name)
        setattr(device, name, None if value is None else str(value)[:limit])
    device.feed_version = report.get("feed_version")
    device.outbox_size = report.get("outbox_size")
    device.uptime = report.get("uptime")
    device.outbox_set_aside = report.get("outbox_set_aside")
    screens = report.get("screens")
    device.screens = None if screens is None else json.dumps(screens, ensure_ascii=False, separators=(",", ":"))


def list_devices(session: Session) -> list[dict]:
    return [
        {
            "name": d.name,
            "status": "revoked" if d.revoked_at else "enrolled",
            "enrolled_at": d.enrolled_at.isoformat(),
            "revoked_at": d.revoked_at.isoformat() if d.revoked_at else None,
            "last_seen_at": d.last_seen_at.isoformat() if d.last_seen_at else None,
            "app_version": d.app_version,
            "feed_version": d.feed_version,
            "last_sync": d.last_sync,
            "outbox_size": d.outbox_size,
            "last_error": d.last_error,
            "uptime": d.uptime,
            "outbox_set_aside": d.outbox_set_aside,
            "stale_since": d.stale_since,
            "screens": _screens(d.screens),
            "cjk_font": d.cjk_font,
        }
        for d in session.scalars(select(Device).order_by(Device.name))
    ]


def _screens(stored: str | None) -> list[dict] | None:
    if stored is None:
        return None
    try:
        value = json.loads(stored)
    except ValueError:
        return None
    return value if isinstance(value, list) else None


def screens_text(screens: list[dict] | None) -> str:
    """A kiosk's screens on one line: ``touch HDMI-1 0,0 1920x1080; signage LED-1 …`` (untrusted:
    print it through :func:`kiosk.store.terminal.printable`)."""
    if not screens:
        return "no screens reported"
    parts = []
    for screen in screens:
        region = screen.get("region")
        where = f" {region[0]},{region[1]} {region[2]}x{region[3]}" if region and len(region) == 4 else ""
        parts.append(f"{screen.get('role', '')} {screen.get('name', '')}{where}")
    return "; ".join(parts)


def v2_pin(session: Session) -> tuple[int, str, int]:
    """What a protocol v2 kiosk pins at enrollment: the newest root's version and sha256, and
    the current snapshot version (older timestamps and snapshots are replays to it)."""
    # python-tuf loads only where protocol v2 is set up.
    from kiosk.store import trust_repo, trust_versions

    version, sha = trust_repo.root_pin(session)
    snapshot = trust_versions.latest(session, "snapshot")
    return version, sha, snapshot.version if snapshot is not None else 0


def store_table(
    url: str, store_key: str, approver_keys: list[str], token: str, root: tuple[int, str, int] | None = None
) -> str:
    """The ``[store]`` table a kiosk's configuration needs, as TOML.

    With ``root`` (version, sha256, snapshot version), the kiosk pins that root and syncs
    with protocol v2, refusing any feed older than that snapshot; the keys of protocol v1
    stay for kiosks that have not been re-enrolled.
    """

    def quoted(value: str) -> str:
        return json.dumps(value)  # a JSON string of ASCII is a valid TOML basic string

    lines = [
        "[store]",
        f"url = {quoted(url)}",
        f"store_key = {quoted(store_key)}",
        "approver_keys = [" + ", ".join(quoted(k) for k in approver_keys) + "]",
        f"device_token = {quoted(token)}",
    ]
    if root is not None:
        lines += [f"root_version = {root[0]}", f"root_sha256 = {quoted(root[1])}", f"min_snapshot_version = {root[2]}"]
    return "\n".join(lines) + "\n"


def fleet(
    listing: list[dict], current_version: int, now: datetime, silent_after: timedelta = SILENT_AFTER
) -> list[dict]:
    """The enrolled kiosks of ``listing`` (:func:`list_devices`), each with what needs attention.

    ``problems`` names, in this order: ``silent`` (no heartbeat within ``silent_after``, or
    never), ``feed-behind`` (the kiosk holds an older feed version than the store's
    ``current_version``), ``feed-stale`` (the kiosk's newest signed statement expired: it
    shows what it holds but cannot vouch that it is current), ``feedback-waiting`` (feedback
    the kiosk has not delivered yet),
    ``feedback-set-aside`` (feedback the store refused, which waits for a person at the
    kiosk) and ``error`` (the kiosk reported an error). A kiosk's own text (its last error) is
    untrusted: callers print it with :func:`kiosk.store.terminal.printable`.
    """
    rows = []
    for d in listing:
        if d["status"] != "enrolled":
            continue
        seen = datetime.fromisoformat(d["last_seen_at"]) if d["last_seen_at"] else None
        problems = []
        if seen is None or now - seen > silent_after:
            problems.append("silent")
        if seen is not None and (d["feed_version"] is None or d["feed_version"] < current_version):
            problems.append("feed-behind")
        if d.get("stale_since"):
            problems.append("feed-stale")
        if d["outbox_size"]:
            problems.append("feedback-waiting")
        if d.get("outbox_set_aside"):
            problems.append("feedback-set-aside")
        if d["last_error"]:
            problems.append("error")
        silent_for = None if seen is None else max(0, int((now - seen).total_seconds()))
        rows.append({**d, "silent_seconds": silent_for, "store_feed_version": current_version, "problems": problems})
    return rows
