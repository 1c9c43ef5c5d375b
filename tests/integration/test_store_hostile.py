"""Hostile requests to a real store process on loopback, on SQLite and on PostgreSQL: every
one gets a 4xx answer, none reaches the catch-all (the store's log stays clean), nothing
hostile is stored — and the edge values the databases *can* hold are accepted.

Fields are treated as a class: every field of every body is sent every wrong JSON type and
every out-of-range value, as well as the examples that used to answer 500.
"""

from __future__ import annotations

import json
import os
import socket
import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest
import requests
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from store_guard_support import ASSET_SHA, PNG, make_store, serve
from store_support import database_url  # noqa: F401 (fixture)

from kiosk import feedback as fb
from kiosk.store import fields

pytestmark = pytest.mark.e2e

NOW = datetime.now(UTC).isoformat()
#: Values of every JSON type, and numbers and strings beyond what a column holds.
WRONG = [
    None,
    True,
    False,
    0,
    -1,
    2**31,
    10**30,
    -(10**30),
    1.5,
    1e308,
    "",
    "\x00",
    "a\x00b",
    "\ud800",
    "x" * 70000,
    [],
    [1],
    {},
    {"a": 1},
]


def feedback(**fields_) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "kind": "opinion",
        "text": "大厅的叫号屏太小，看不清楚",
        "created_at": NOW,
        **fields_,
    }


def post(http: requests.Session, url: str, token: str | None, data, **headers) -> requests.Response:
    raw = data if isinstance(data, bytes) else json.dumps(data).encode("ascii")
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return http.post(url, data=raw, headers={"Content-Type": "application/json", **headers}, timeout=60)


@pytest.fixture
def guarded(tmp_path, database_url):
    store = make_store(tmp_path, database_url)
    with serve(store.cmd, tmp_path / "serve.log", "--feedback-burst", "100000") as served:
        yield store, served
    served.assert_nothing_unforeseen()


def test_feedback_fields_out_of_type_or_range_get_422(guarded):
    store, served = guarded
    url = f"{served.base}/v1/feedback"
    named = {
        "rating []": feedback(kind="rating", rating=[], text=""),
        "rating {}": feedback(kind="rating", rating={}, text=""),
        "item_revision 10**30": feedback(item_id=store.item_id, item_revision=10**30),
        "item_revision 2**31": feedback(item_id=store.item_id, item_revision=2**31),
        "created_at year 1, +14:00": feedback(created_at="0001-01-01T00:00:00+14:00"),
        "created_at year 9999, -14:00": feedback(created_at="9999-12-31T23:59:59-14:00"),
        "NUL in the name": feedback(consent=True, name="王\x00五"),
        "lone surrogate in the name": feedback(consent=True, name="王\ud800五"),
        "id as a URN (longer than the column)": feedback(id=uuid.uuid4().urn),
        "id in braces": feedback(id="{" + str(uuid.uuid4()) + "}"),
        "consent as a string": feedback(consent="yes"),
        "body a list": [feedback()],
    }
    with requests.Session() as http:
        for name, data in named.items():
            answer = post(http, url, store.token, data)
            assert answer.status_code == 422, (name, answer.status_code, answer.text)
            assert answer.json()["detail"], name
        stored = 0  # a few of the values are right for some fields (None for rating, "" for name)
        for field in fields.FEEDBACK_FIELDS:
            for value in WRONG:
                answer = post(http, url, store.token, {**feedback(), field: value})
                assert answer.status_code == 200 or 400 <= answer.status_code < 500, (
                    field,
                    repr(value)[:40],
                    answer.status_code,
                    answer.text,
                )
                stored += answer.status_code == 200
        for raw in (b"{not json", b"\xff\xfe", b"[" * 60000, b'{"id": 1e99999}', b'{"id": ' + b"9" * 5000 + b"}"):
            assert post(http, url, store.token, raw).status_code in (400, 422), raw[:20]
        # The edges both databases hold are accepted, not refused.
        edges = [
            feedback(item_id=store.item_id, item_revision=fields.INT32_MAX),
            feedback(created_at="0001-01-02T00:00:00+00:00"),
            feedback(created_at="9999-12-30T00:00:00+00:00"),
        ]
        for data in edges:
            answer = post(http, url, store.token, data)
            assert answer.status_code == 200, answer.text
    assert store.feedback_count() == len(edges) + stored  # nothing refused was stored
    listing = store.cmd.run("feedback", "list", "--json")  # and what was stored can be listed
    assert len(json.loads(listing.stdout)) == len(edges) + stored


def test_heartbeat_fields_out_of_type_or_range_get_422(guarded):
    store, served = guarded
    url = f"{served.base}/v1/heartbeat"
    with requests.Session() as http:
        for name, value in (
            ("feed_version", 2**31),
            ("feed_version", 10**30),
            ("outbox_size", -1),
            ("feed_version", "7"),
            ("last_error", "disk\x00full"),
            ("last_error", "\ud800"),
            ("app_version", []),
            ("last_sync", {}),
            ("outbox_size", 1.5),
            ("feed_version", True),
            ("uptime", -1),
            ("outbox_set_aside", 2**31),
            ("uptime", "1"),
        ):
            answer = post(http, url, store.token, {name: value})
            assert answer.status_code == 422, (name, value, answer.status_code, answer.text)
            assert answer.json()["field"] == name
        for field in fields.Heartbeat.model_fields:
            for value in WRONG:
                answer = post(http, url, store.token, {field: value})
                assert answer.status_code in (204, 413, 422), (field, repr(value)[:40], answer.status_code)
        assert post(http, url, store.token, b"[1, 2]").status_code == 422
        assert post(http, url, store.token, b"\xff").status_code == 400
        assert post(http, url, store.token, b"").status_code == 204  # a body is optional
        hostile_error = "\x1b[2J清屏\x9b6n\u202eelection\ttab\nline"
        edge = {"feed_version": fields.INT32_MAX, "outbox_size": fields.INT32_MAX, "last_error": hostile_error}
        assert post(http, url, store.token, edge).status_code == 204
    listed = store.cmd.run("device", "list").stdout
    assert not set(listed) & set("\x1b\x9b\u202e") and listed.count("\n") == 1 and listed.count("\t") == 5, listed
    assert "error: \\x1b[2J清屏\\x9b6n\\u202eelection\\x09tab\\x0aline" in listed
    as_json = store.cmd.run("device", "list", "--json").stdout
    assert not set(as_json) & set("\x1b\x9b\u202e")
    device = json.loads(as_json)[0]
    assert (device["feed_version"], device["outbox_size"], device["last_error"]) == (
        fields.INT32_MAX,
        fields.INT32_MAX,
        hostile_error,
    )


def test_query_path_and_range_values_out_of_range_get_4xx(guarded):
    store, served = guarded
    auth = {"Authorization": f"Bearer {store.token}"}
    with requests.Session() as http:
        for since, wait in (
            (10**30, 0),
            (2**31, 0),
            (-1, 0),
            ("9" * 5000, 0),
            ("abc", 0),
            (0, "nan"),
            (0, "inf"),
            (0, "-1"),
            (0, "1e400"),
            (0, "1e9"),
        ):
            answer = http.get(
                f"{served.base}/v1/feed/delta", params={"since": since, "wait": wait}, headers=auth, timeout=60
            )
            assert answer.status_code == 422, (since, wait, answer.status_code)
        held = http.get(f"{served.base}/v1/feed/delta", params={"since": fields.INT32_MAX}, headers=auth, timeout=60)
        assert held.status_code == 410  # a version the store never had: fetch the snapshot
        url = f"{served.base}/v1/assets/{ASSET_SHA}"
        huge = "9" * 5000
        assert http.get(url, headers={"Range": f"bytes={huge}-"}, timeout=60).status_code == 416
        assert http.get(url, headers={"Range": f"bytes={huge}-{huge}"}, timeout=60).status_code == 416
        whole_tail = http.get(url, headers={"Range": f"bytes=-{huge}"}, timeout=60)
        assert whole_tail.status_code == 206 and whole_tail.content == PNG
        to_end = http.get(url, headers={"Range": f"bytes=10-{huge}"}, timeout=60)
        assert to_end.status_code == 206 and to_end.content == PNG[10:]
        for malformed in (
            "bytes=abc",
            "bytes=5-1",
            "bytes=1-2,3-4",
            "items=0-1",
            "bytes=-",
            "bytes",
            "bytes=٣-".encode(),
            "bytes=0-\xff".encode("latin-1"),
            "bytes=" + " " * 150 + "0-1",
        ):
            answer = http.get(url, headers={"Range": malformed}, timeout=60)
            assert answer.status_code in (200, 206, 416), (malformed, answer.status_code)
            if answer.status_code == 200:
                assert answer.content == PNG
        for bad in ("not-a-hash", "0" * 64, "A" * 64, "%00" * 10):
            assert http.get(f"{served.base}/v1/items/{bad}", timeout=60).status_code == 404, bad


def test_a_body_over_its_limit_is_refused_before_it_is_read_or_authenticated(guarded):
    store, served = guarded
    with requests.Session() as http:
        # Declared too large: refused without a token and without reading (the body never comes).
        with socket.create_connection(served.address, timeout=60) as sock:
            sock.sendall(
                b"POST /v1/heartbeat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b"Content-Length: 524288000\r\n\r\n"
            )
            answer = sock.makefile("rb").read()
        assert answer.startswith(b"HTTP/1.1 413 ") and b"connection: close" in answer.lower()
        # Without a token, nothing of the body is read: 401 at once, and the connection is closed.
        with socket.create_connection(served.address, timeout=60) as sock:
            sock.sendall(
                b"POST /v1/heartbeat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b"Content-Length: 40000\r\n\r\n" + b" " * 1000
            )
            answer = sock.makefile("rb").read()
        assert answer.startswith(b"HTTP/1.1 401 ") and b"connection: close" in answer.lower()

        # Streamed (no length) past the limit, with a token: 413.
        def chunks():
            for _ in range(40):
                yield b" " * 65536

        streamed = http.post(
            f"{served.base}/v1/heartbeat", data=chunks(), timeout=60, headers={"Authorization": f"Bearer {store.token}"}
        )
        assert streamed.status_code == 413 and "exceeds" in streamed.json()["detail"]
        # A feedback record over the limit is refused for good (the kiosk reads the code).
        huge = post(http, f"{served.base}/v1/feedback", store.token, feedback(text="意" * 70000))
        assert huge.status_code == 413 and huge.json()["code"] == fb.REFUSAL_TOO_LARGE
        # A GET carrying a body over the small limit of bodiless routes.
        assert http.get(f"{served.base}/v1/health", data=b"x" * 5000, timeout=60).status_code == 413


#: Any JSON value, the edges of the integer columns, text the databases refuse, and instants
#: at the ends of the calendar with the widest offsets.
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
    | st.sampled_from([2**31 - 1, 2**31, 2**63, 10**30, "\ud800", "a\x00b"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=5,
)
INSTANTS = st.datetimes(timezones=st.sampled_from([timezone(timedelta(hours=h)) for h in (-14, -5, 0, 8, 14)])).map(
    datetime.isoformat
)


ROUTE_FIELDS = [("feedback", f) for f in fields.FEEDBACK_FIELDS] + [
    ("heartbeat", f) for f in fields.Heartbeat.model_fields
]


def test_any_value_in_any_field_gets_an_answer_not_a_server_error(guarded):
    """Each field of an otherwise valid record replaced by anything (hypothesis), edges first."""
    store, served = guarded
    with requests.Session() as http:

        def replacing(route: str, field: str):
            @settings(
                max_examples=int(os.environ.get("KIOSK_FUZZ_EXAMPLES", "25")) // 2,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            @given(value=JSON_VALUES | INSTANTS, kind=st.sampled_from(["opinion", "rating"]))
            @example(value=2**31, kind="opinion")
            @example(value=10**30, kind="rating")
            @example(value=[], kind="rating")
            @example(value={}, kind="opinion")
            @example(value="a\x00b", kind="opinion")
            @example(value="\ud800", kind="rating")
            @example(value="0001-01-01T00:00:00+14:00", kind="opinion")
            @example(value="9999-12-31T23:59:59-14:00", kind="rating")
            def replace_one(value, kind) -> None:
                if route == "feedback":
                    base = feedback(kind=kind, rating="fair", item_id=store.item_id, item_revision=1)
                else:
                    base = {"feed_version": 1}
                answer = post(http, f"{served.base}/v1/{route}", store.token, {**base, field: value})
                assert answer.status_code < 500, (route, field, repr(value)[:80], answer.status_code, answer.text)

            return replace_one

        for route, field in ROUTE_FIELDS:
            replacing(route, field)()
