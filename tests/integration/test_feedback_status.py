"""``GET /v1/feedback/status`` on a real store process: a kiosk reads where its own visitors'
feedback stands (received, being handled, answered) and nothing personal, another kiosk
reads none of it, an unchanged answer is a 304, and no token gets a 401."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest
import requests
from feedback_support import files_holding, make_store, serving
from store_support import database_url  # noqa: F401 (fixture)

from kiosk import feedback as fb
from kiosk.sync import feedback_status
from kiosk.sync.jobs import SyncService
from kiosk.sync.transport import StoreClient

pytestmark = pytest.mark.e2e
NOW = datetime.now(UTC)
NAME, PHONE, TEXT = "王五", "13900001111", "大厅的叫号屏太小，看不清楚"


def upload(http, base, token, record: fb.Feedback) -> None:
    raw = json.dumps(record.to_wire(), ensure_ascii=False).encode("utf-8")
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    assert http.post(f"{base}/v1/feedback", data=raw, headers=headers, timeout=30).status_code == 200


def status(http, base, token, etag: str | None = None) -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    if etag:
        headers["If-None-Match"] = etag
    return http.get(f"{base}/v1/feedback/status", headers=headers, timeout=30)


def test_a_kiosk_reads_where_its_own_feedback_stands_and_nothing_personal(tmp_path, database_url):
    store = make_store(tmp_path, database_url)
    opinion = fb.new("opinion", now=NOW, text=TEXT, consent=True, name=NAME, phone=PHONE)
    praise = fb.new("praise", now=NOW, text="窗口服务很耐心")
    with serving(store) as base, requests.Session() as http:
        api = store.api()
        try:
            other_token = re.search(r'device_token = "([^"]+)"', api.enroll("lobby-2", base)).group(1)
        finally:
            api.db.close()
        elsewhere = fb.new("opinion", now=NOW, text="另一台的意见")
        for token, record in ((store.token, opinion), (store.token, praise), (other_token, elsewhere)):
            upload(http, base, token, record)

        first = status(http, base, store.token)
        assert first.status_code == 200
        assert sorted(first.json(), key=lambda s: s["reference"]) == sorted(
            [
                {"reference": opinion.reference, "status": "handling"},
                {"reference": praise.reference, "status": "received"},
            ],
            key=lambda s: s["reference"],
        )
        for secret in (NAME, PHONE, TEXT, "窗口服务很耐心", opinion.id):
            assert secret.encode("utf-8") not in first.content
            assert json.dumps(secret).encode() not in first.content  # nor as JSON escapes
        assert status(http, base, other_token).json() == [{"reference": elsewhere.reference, "status": "handling"}]

        etag = first.headers["ETag"]
        unchanged = status(http, base, store.token, etag)
        assert (unchanged.status_code, unchanged.content, unchanged.headers["ETag"]) == (304, b"", etag)

        api = store.api()
        try:
            api.resolve_feedback(opinion.reference, "dan", "已电话回复王五")
        finally:
            api.db.close()
        answered = status(http, base, store.token, etag)
        assert answered.status_code == 200 and answered.headers["ETag"] != etag
        assert {"reference": opinion.reference, "status": "answered"} in answered.json()
        assert "已电话回复".encode() not in answered.content and b"dan" not in answered.content

        assert status(http, base, None).status_code == 401
        assert status(http, base, "not-a-token").status_code == 401


def test_the_kiosk_keeps_what_the_store_says_and_asks_again_with_its_etag(tmp_path, database_url):
    store = make_store(tmp_path, database_url)
    state = tmp_path / "state"
    opinion = fb.new("opinion", now=NOW, text=TEXT, consent=True, name=NAME, phone=PHONE)
    with serving(store) as base, requests.Session() as http:
        upload(http, base, store.token, opinion)
        client = StoreClient(base, store.token, timeout=10)
        try:
            assert feedback_status.refresh(client, state)
            assert feedback_status.read(state) == {opinion.reference: "handling"}
            assert not feedback_status.refresh(client, state)  # a 304: the copy stays
            api = store.api()
            try:
                api.resolve_feedback(opinion.reference, "dan", "已电话回复")
            finally:
                api.db.close()
            assert feedback_status.refresh(client, state)
            assert feedback_status.read(state) == {opinion.reference: "answered"}
        finally:
            client.close()
    assert not files_holding(state, NAME, PHONE, TEXT)


def test_the_sync_services_upload_round_brings_the_statuses(tmp_path, database_url):
    store = make_store(tmp_path, database_url)
    opinion = fb.new("opinion", now=NOW, text=TEXT)
    with serving(store) as base, requests.Session() as http:
        upload(http, base, store.token, opinion)
        config = store.config()
        service = SyncService(config)
        try:
            service._upload()  # one round of the recurring upload job, on this thread
        finally:
            service.stop()
    assert feedback_status.read(config.state_dir) == {opinion.reference: "handling"}
