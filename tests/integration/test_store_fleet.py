"""``kiosk-store fleet``: the kiosks that need attention, from real heartbeats sent over
HTTP to a real store on loopback, read back by the real command; a kiosk's own text is
shown escaped, never acted on by the terminal."""

from __future__ import annotations

import json

from feedback_support import make_store, serving

from kiosk.sync.transport import StoreClient

HOSTILE = "disk full\n\x1b[2J\x1b]0;owned\x07lobby-9\tok\u202e"


def test_fleet_marks_the_silent_the_behind_and_waiting_feedback_and_escapes_kiosk_text(tmp_path):
    store = make_store(tmp_path)
    with serving(store) as base:
        api = store.api()
        try:
            api.enroll("lobby-2", base)  # enrolled, never heard from
            api.enroll("lobby-3", base)
            api.revoke("lobby-3")  # revoked: not part of the fleet
            current = api.feed_version()
        finally:
            api.db.close()
        client = StoreClient(base, store.token, timeout=5)
        try:
            client.heartbeat(
                {
                    "app_version": "0.9",
                    "feed_version": current - 1,
                    "last_sync": None,
                    "outbox_size": 2,
                    "outbox_set_aside": 1,
                    "uptime": 3600,
                    "stale_since": "2026-03-05T06:00:00+00:00",
                    "last_error": HOSTILE,
                    "screens": [
                        {"name": "HDMI-1", "role": "touch", "region": [0, 0, 1920, 1080]},
                        {"name": "LED\x1b[31m", "role": "signage", "region": [0, 0, 1536, 768]},
                    ],
                    "cjk_font": "Noto Sans CJK SC\u202e",
                }
            )
        finally:
            client.close()

        listed = json.loads(store.cmd.out("fleet", "--json"))
        text = store.cmd.run("fleet").stdout
    by_name = {d["name"]: d for d in listed}
    assert set(by_name) == {"lobby-1", "lobby-2"}
    assert by_name["lobby-1"]["problems"] == [
        "feed-behind",
        "feed-stale",
        "feedback-waiting",
        "feedback-set-aside",
        "error",
    ]
    assert (by_name["lobby-1"]["outbox_set_aside"], by_name["lobby-1"]["uptime"]) == (1, 3600)
    assert by_name["lobby-1"]["last_error"] == HOSTILE  # JSON keeps the text, escaped as JSON
    assert by_name["lobby-2"]["problems"] == ["silent"] and by_name["lobby-2"]["silent_seconds"] is None
    lines = text.splitlines()
    assert len(lines) == 2  # one line per kiosk, whatever its error holds
    assert all("\x1b" not in line and "\u202e" not in line and "\x07" not in line for line in lines)
    lobby1 = next(line for line in lines if line.startswith("lobby-1\t"))
    fields = lobby1.split("\t")
    assert fields[1] == "feed-behind,feed-stale,feedback-waiting,feedback-set-aside,error"
    assert fields[3:7] == [f"feed v{current - 1} of v{current}", "outbox 2", "set aside 1", "up 3600 s"]
    assert by_name["lobby-1"]["screens"][0] == {"name": "HDMI-1", "role": "touch", "region": [0, 0, 1920, 1080]}
    assert by_name["lobby-1"]["cjk_font"] == "Noto Sans CJK SC\u202e"
    assert fields[8] == "screens touch HDMI-1 0,0 1920x1080; signage LED\\x1b[31m 0,0 1536x768"
    assert fields[9] == "font Noto Sans CJK SC\\u202e"
    assert fields[-1] == "error: disk full\\x0a\\x1b[2J\\x1b]0;owned\\x07lobby-9\\x09ok\\u202e"
    assert next(line for line in lines if line.startswith("lobby-2\t")).split("\t")[1:3] == ["silent", "never seen"]


def test_silent_after_is_bounded(tmp_path):
    store = make_store(tmp_path)
    result = store.cmd.run("fleet", "--silent-after", "5", check=False)
    assert result.returncode != 0 and "--silent-after must be between 60" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_heartbeat_with_malformed_screens_is_refused_by_field(tmp_path):
    store = make_store(tmp_path)
    with serving(store) as base:
        client = StoreClient(base, store.token, timeout=5)
        try:
            for screens in ([{"name": "x", "role": "touch", "region": [0, 0]}], [{"name": "x" * 201}], "HDMI-1"):
                response = client.session.post(base + "/v1/heartbeat", json={"screens": screens}, timeout=5)
                assert response.status_code == 422, screens
                assert "screens" in response.text
        finally:
            client.close()
