"""Slow and greedy clients against a real store process on loopback: headers or a body
sent too slowly get 408 and a closed connection, and past the limit of requests (or of
long-polls) at once the store answers 503 with Retry-After while others are still served.

The socket timeouts here only stop a broken store from hanging the suite; no test measures
how fast anything happens.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator

import pytest
import requests
from store_guard_support import make_store, read_answer, serve, status_of

pytestmark = pytest.mark.e2e

HANG_GUARD = 60.0


def connect(served) -> socket.socket:
    sock = socket.create_connection(served.address, timeout=HANG_GUARD)
    return sock


def test_headers_sent_too_slowly_get_408_and_the_connection_closes(tmp_path):
    store = make_store(tmp_path, None)
    with serve(store.cmd, tmp_path / "serve.log", "--header-timeout", "0.5") as served, requests.Session() as http:
        with connect(served) as slow, connect(served) as idle:
            slow.sendall(b"GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Drip: ")  # and nothing more
            # Others are served meanwhile.
            assert http.get(f"{served.base}/v1/health", timeout=HANG_GUARD).status_code == 200
            answer = read_answer(slow)
            assert status_of(answer) == 408 and b"too slowly" in answer
            assert read_answer(idle) == b""  # a connection that never sent a byte is just closed
        # The deadline starts again after each answer on a kept-alive connection.
        with connect(served) as kept:
            kept.sendall(b"GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\nGET /v1/health HTTP/1.1\r\nHost: x\r\n")
            answer = read_answer(kept)
            assert answer.startswith(b"HTTP/1.1 200 ") and answer.count(b"HTTP/1.1 ") == 2
            assert status_of(answer[answer.rindex(b"HTTP/1.1 ") :]) == 408
    served.assert_nothing_unforeseen()


def test_a_body_sent_too_slowly_gets_408_after_authentication(tmp_path):
    store = make_store(tmp_path, None)
    with serve(store.cmd, tmp_path / "serve.log", "--body-timeout", "0.5") as served:
        head = (
            b"POST /v1/feedback HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 100\r\nAuthorization: Bearer " + store.token.encode() + b"\r\n\r\n"
        )
        with connect(served) as slow:
            slow.sendall(head + b'{"id": ')
            answer = read_answer(slow)
        assert status_of(answer) == 408 and b"connection: close" in answer.lower()
        # Without a valid token the body is never waited for: 401, then the connection closes.
        with connect(served) as stranger:
            stranger.sendall(head.replace(store.token.encode(), b"nonsense") + b'{"id": ')
            answer = read_answer(stranger)
        assert status_of(answer) == 401 and b"connection: close" in answer.lower()
    assert store.feedback_count() == 0
    served.assert_nothing_unforeseen()


@contextlib.contextmanager
def held(served, request: bytes, probe) -> Iterator[tuple[socket.socket, requests.Response]]:
    """A connection whose request holds a place, and the first refusal of ``probe()`` meanwhile.

    The held request may reach the store a moment after a probe, and one that arrives while
    the previous answer is still being finished can be refused itself: then it is sent again.
    """
    for _ in range(20):
        with connect(served) as holder:
            holder.sendall(request)
            for _ in range(50):
                answer = probe()
                if answer.status_code == 503:
                    yield holder, answer
                    return
    raise AssertionError(f"never refused: last answer {answer.status_code}")


def test_past_the_limit_of_requests_at_once_the_store_answers_503_with_retry_after(tmp_path):
    store = make_store(tmp_path, None)
    version = store.feed_version()
    auth = {"Authorization": f"Bearer {store.token}"}
    with (
        serve(
            store.cmd, tmp_path / "serve.log", "--max-requests", "1", "--max-long-polls", "1", "--retry-after", "7"
        ) as served,
        requests.Session() as http,
    ):
        # An upload whose body is still coming holds the one place for ordinary requests.
        upload = (
            b"POST /v1/feedback HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n"
            b"Authorization: Bearer " + store.token.encode() + b"\r\n\r\n{"
        )
        with held(served, upload, lambda: http.get(f"{served.base}/v1/health", timeout=HANG_GUARD)) as (_, busy):
            assert busy.headers["Retry-After"] == "7" and "busy" in busy.json()["detail"]
            # Long-polls are counted apart: one is still held (for 10 s, then answered 304).
            poll = (
                f"GET /v1/feed/delta?since={version}&wait=10 HTTP/1.1\r\nHost: x\r\n"
                f"Connection: close\r\nAuthorization: Bearer {store.token}\r\n\r\n"
            ).encode()
            with held(
                served,
                poll,
                lambda: http.get(
                    f"{served.base}/v1/feed/delta", headers=auth, timeout=HANG_GUARD, params={"since": version}
                ),
            ) as (holder, second):
                assert second.headers["Retry-After"] == "7"
                assert status_of(read_answer(holder)) == 304  # the held one was answered all the same
        # Once the holders are gone, the store answers again.
        for _ in range(500):
            with contextlib.suppress(requests.ConnectionError):
                if http.get(f"{served.base}/v1/health", timeout=HANG_GUARD).status_code == 200:
                    break
        else:
            raise AssertionError("the store kept refusing after the holders left")
    served.assert_nothing_unforeseen()
