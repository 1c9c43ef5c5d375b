"""``POST /v1/feedback`` on a real store process, with friendly and hostile input.

Idempotency (the same id twice: one record, the same answer; other content: 409), the
token, 413 for oversized bodies (declared or streamed), 429 for floods, and hostile
text — control characters, bidi overrides, emoji, SQL-like strings, lone surrogates —
always a clear 4xx answer, never a 5xx, and nothing stored twice.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
import requests
from feedback_support import make_store, serving
from store_support import database_url  # noqa: F401 (fixture)

from kiosk import feedback as fb

pytestmark = pytest.mark.e2e
NOW = datetime.now(UTC)


def body(**fields) -> dict:
    record = fb.new(fields.pop("kind", "opinion"), now=NOW, **{"text": "大厅的叫号屏太小，看不清楚", **fields})
    return record.to_wire()


def post(http, base, token, data, **kwargs) -> requests.Response:
    raw = data if isinstance(data, bytes) else json.dumps(data, ensure_ascii=False).encode("utf-8")
    return http.post(
        f"{base}/v1/feedback",
        data=raw,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        timeout=30,
        **kwargs,
    )


def test_intake_is_idempotent_and_refuses_replays_with_other_content(tmp_path, database_url):
    store = make_store(tmp_path, database_url)
    with serving(store) as base, requests.Session() as http:
        record = body(item_id=store.item_id, item_revision=1, consent=True, name="王五", phone="13900001111")
        first = post(http, base, store.token, record)
        assert first.status_code == 200, first.text
        again = post(http, base, store.token, record)
        assert (again.status_code, again.json()) == (200, first.json())
        assert first.json()["reference"] == fb.reference_code(record["id"])
        changed = post(http, base, store.token, {**record, "text": "换了内容的重放"})
        assert changed.status_code == 409 and "different content" in changed.json()["detail"]
        assert post(http, base, "not-a-token", record).status_code == 401
        # A record may not carry contact data without consent.
        sneaky = post(http, base, store.token, {**body(), "name": "李四", "phone": "13900002222"})
        assert sneaky.status_code == 422 and sneaky.json()["field"] == "consent"
    records = store.records()
    assert len(records) == 1
    only = records[0]
    assert (only["item_id"], only["item_revision"], only["kind"], only["kiosk"]) == (
        store.item_id,
        1,
        "opinion",
        "lobby-1",
    )
    assert (only["contact_name"], only["contact_phone"]) == ("王五", "13900001111")
    assert only["due_at"] is not None and only["status"] == "open"


def test_hostile_input_gets_clear_answers_and_is_stored_once_at_most(tmp_path):
    store = make_store(tmp_path)
    with serving(store) as base, requests.Session() as http:
        huge = post(http, base, store.token, body(text="意" * (10 * 1024 * 1024 // 3)))
        assert huge.status_code == 413 and "exceeds" in huge.json()["detail"]

        def chunks():  # no Content-Length: the size is counted as it streams
            for _ in range(40):
                yield b"x" * 65536

        streamed = http.post(
            f"{base}/v1/feedback", data=chunks(), timeout=30, headers={"Authorization": f"Bearer {store.token}"}
        )
        assert streamed.status_code == 413

        refused = {
            "control": body(text="正常的文字\x00\x07再来一些"),
            "bidi override": body(text="请看\u202e这段反向的文字"),
            "bidi isolate": body(text="请看\u2066这段文字\u2069好吗"),
            "too long": body(text="长" * (fb.TEXT_CEILING + 1)),
            "empty": body(text="   "),
            "unknown kind": body(kind="complaint"),
            "bad rating": body(kind="rating", rating="five stars", text=""),
            "bad item": body(item_id="x' OR 1=1 --", item_revision=1),
            "no offset": {**body(), "created_at": "2026-11-26T10:00:00"},
            "not a uuid": {**body(), "id": "1; DROP TABLE feedback"},
            "unknown field": {**body(), "admin": True},
            "wrong type": {**body(), "text": ["a", "b"]},
            "bad phone": body(consent=True, phone="call me maybe"),
        }
        for name, data in refused.items():
            answer = post(http, base, store.token, data)
            assert answer.status_code == 422, (name, answer.status_code, answer.text)
            assert answer.json()["detail"], name
        for raw in (b"{not json", b"\xff\xfe", b"[" * 60000, json.dumps({"text": "\ud800"}).encode()):
            answer = post(http, base, store.token, raw)
            assert answer.status_code in (400, 422), (raw[:20], answer.status_code)
        lone = json.dumps(body(text="孤立的代理项\ud800在这里")).encode("ascii")
        assert post(http, base, store.token, lone).status_code == 422

        accepted = [
            body(text="表情也可以 👩‍👩‍👧 🇨🇳 👍🏽 谢谢"),
            body(text="Robert'); DROP TABLE feedback;-- 这是一条建议", kind="suggestion"),
            body(text='=HYPERLINK("http://evil") 表格公式', kind="question"),
            body(kind="rating", rating="very-dissatisfied", text="服务态度差"),
            body(kind="praise", text="工作人员很耐心，点赞"),
        ]
        for data in accepted:
            answer = post(http, base, store.token, data)
            assert answer.status_code == 200, answer.text
            assert post(http, base, store.token, data).json() == answer.json()
    records = {r["id"]: r for r in store.records()}
    assert len(records) == len(accepted)
    for data in accepted:
        assert records[data["id"]]["text"] == data["text"].strip()
    exported = store.cmd.run("feedback", "export", "--as", "dan").stdout
    assert "'=HYPERLINK" in exported  # a spreadsheet formula in a visitor's text stays text


def test_a_flooding_device_gets_429_with_retry_after(tmp_path):
    store = make_store(tmp_path)
    with serving(store, "--feedback-burst", "5", "--feedback-rate", "0.5") as base, requests.Session() as http:
        answers = [post(http, base, store.token, body()) for _ in range(8)]
    codes = [a.status_code for a in answers]
    assert codes[:5] == [200] * 5 and 429 in codes[5:], codes
    limited = next(a for a in answers if a.status_code == 429)
    assert int(limited.headers["Retry-After"]) >= 1
    assert len(store.records()) == codes.count(200)
