"""Oversized bodies cannot grow the store's memory: four clients at once each try to push
500 MB at ``POST /v1/heartbeat`` without a token (declared and chunked), against a real
``serve`` process; its peak resident memory (``VmHWM`` in /proc) stays within a generous
bound of where it started. A resource bound, not a speed one.
"""

from __future__ import annotations

import socket
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from store_guard_support import make_store, rss_kib, serve, status_of

pytestmark = pytest.mark.e2e

BODY = 500 * 1024 * 1024
CHUNK = b" " * (1024 * 1024)
#: Far above what the guards let a request hold (64 KiB), far below one body read whole.
BOUND_KIB = 64 * 1024


def push(address: tuple[str, int], chunked: bool) -> tuple[int | None, int]:
    """Send a heartbeat head and up to 500 MB of body; (the answer's status, bytes sent)."""
    length = b"Transfer-Encoding: chunked" if chunked else f"Content-Length: {BODY}".encode()
    sent = 0
    with socket.create_connection(address, timeout=30) as sock:
        sock.sendall(
            b"POST /v1/heartbeat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + length + b"\r\n\r\n"
        )
        frame = (f"{len(CHUNK):x}\r\n".encode() + CHUNK + b"\r\n") if chunked else CHUNK
        try:
            while sent < BODY:
                sock.sendall(frame)
                sent += len(CHUNK)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the store closed the connection: what it wanted to say is already in the buffer
        answer = bytearray()
        try:
            while chunk := sock.recv(65536):
                answer += chunk
        except (ConnectionResetError, TimeoutError):
            pass  # no answer (a store still busy with the body): the assertions below say what is wrong
    return status_of(bytes(answer)), sent


def test_four_unauthenticated_500_mb_bodies_leave_memory_bounded(tmp_path):
    store = make_store(tmp_path, None)
    with serve(store.cmd, tmp_path / "serve.log") as served, requests.Session() as http:
        assert http.get(f"{served.base}/v1/health", timeout=60).status_code == 200
        before, _ = rss_kib(served.pid)
        with ThreadPoolExecutor(4) as pool:
            results = list(pool.map(lambda chunked: push(served.address, chunked), [False, True, False, True]))
        _, peak = rss_kib(served.pid)
        print(f"store RSS before {before} KiB, peak {peak} KiB after four 500 MB pushes: {results}")
        assert peak - before < BOUND_KIB, (before, peak)
        # None was allowed to send its whole body, and each heard why when it listened.
        assert all(sent < BODY for _, sent in results), results
        assert {status for status, _ in results} <= {413, 401, None}, results
        assert http.get(f"{served.base}/v1/health", timeout=60).status_code == 200
    served.assert_nothing_unforeseen()
