"""The fleet view's marks, with the clock given: silence starts just past the threshold."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kiosk.store import devices

NOW = datetime(2026, 3, 5, 6, 0, tzinfo=UTC)


def _device(name: str, seen: datetime | None, **fields) -> dict:
    return {
        "name": name,
        "status": "enrolled",
        "enrolled_at": NOW.isoformat(),
        "revoked_at": None,
        "last_seen_at": seen.isoformat() if seen else None,
        "app_version": "1.0",
        "feed_version": 7,
        "last_sync": None,
        "outbox_size": 0,
        "last_error": None,
        **fields,
    }


def test_silence_begins_past_the_configured_time():
    limit = timedelta(minutes=15)
    rows = devices.fleet(
        [_device("on-time", NOW - limit), _device("late", NOW - limit - timedelta(seconds=1))],
        current_version=7,
        now=NOW,
        silent_after=limit,
    )
    assert [(r["name"], r["problems"], r["silent_seconds"]) for r in rows] == [
        ("on-time", [], 900),
        ("late", ["silent"], 901),
    ]


def test_a_kiosk_at_the_current_feed_with_nothing_waiting_is_fine_and_revoked_ones_are_left_out():
    rows = devices.fleet(
        [
            _device("ok", NOW),
            _device("behind", NOW, feed_version=6),
            _device("unknown-feed", NOW, feed_version=None),
            _device("gone", NOW, status="revoked", revoked_at=NOW.isoformat()),
        ],
        current_version=7,
        now=NOW,
    )
    assert {r["name"]: r["problems"] for r in rows} == {
        "ok": [],
        "behind": ["feed-behind"],
        "unknown-feed": ["feed-behind"],
    }
