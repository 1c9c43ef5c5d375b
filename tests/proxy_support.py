"""A reverse proxy on loopback in front of a real store, told how to misbehave.

It stands for the load balancer or filtering proxy a kiosk meets in the field: while
``failing`` holds statuses, each ``POST /v1/feedback`` is answered by the proxy itself with
the next of them and an HTML page (as a balancer in maintenance does) — the store never
sees it. Everything else, and everything once :meth:`Proxy.recover` was called, is
forwarded to the store unchanged. It counts what it forwarded, per path and status, so a
test can tell how many uploads the *store* accepted at the HTTP layer.

A failing entry is a status (answered with an HTML page) or ``(status, content type, body)``;
a 3xx points to ``/login``, a page the proxy serves itself (and counts in ``logins``).

    with Proxy(store_url, failing=[503, 404, 403, 400, 405]) as proxy:
        ... kiosk configured with proxy.url ...
        proxy.recover()
"""

from __future__ import annotations

import http.client
import threading
from collections import Counter
from urllib.parse import urlsplit

from http_support import LoopbackServer, QuietHandler

PAGE = b"<html><head><title>%d</title></head><body><h1>%d</h1><p>Service temporarily unavailable.</p></body></html>"
HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"}
#: Headers the proxy's own response already carries.
OWN_HEADERS = {"content-length", "date", "server"}


class Proxy:
    def __init__(self, upstream: str, failing: list[int] | None = None, *, cycle: bool = True) -> None:
        parts = urlsplit(upstream)
        self.upstream = (parts.hostname, parts.port)
        self.failing = list(failing or [])
        self.cycle = cycle
        #: (method, path, status) of every request the store answered through the proxy.
        self.forwarded: Counter = Counter()
        #: Statuses the proxy answered feedback uploads with itself.
        self.refused: list[int] = []
        #: Bodies of feedback uploads the store answered 200 (what it accepted).
        self.accepted_bodies: list[bytes] = []
        #: Requests for the proxy's own login page (a client that followed a redirect).
        self.logins = 0
        self._cond = threading.Condition()
        self._turn = 0
        self._server: LoopbackServer | None = None

    @property
    def url(self) -> str:
        return self._server.url

    def recover(self) -> None:
        with self._cond:
            self.failing = []

    def count(self, method: str, path_prefix: str, status: int | None = None) -> int:
        with self._cond:
            return sum(
                n
                for (m, p, s), n in self.forwarded.items()
                if m == method and p.startswith(path_prefix) and (status is None or s == status)
            )

    def wait_until(self, predicate, timeout: float) -> bool:
        with self._cond:
            return self._cond.wait_for(predicate, timeout)

    # -- answering -------------------------------------------------------------------

    def next_refusal(self, method: str, path: str):
        with self._cond:
            if method != "POST" or not path.startswith("/v1/feedback") or not self.failing:
                return None
            status = self.failing[self._turn % len(self.failing)] if self.cycle else self.failing.pop(0)
            self._turn += 1
            self.refused.append(status)
            self._cond.notify_all()
            return status

    def record(self, method: str, path: str, status: int, body: bytes) -> None:
        with self._cond:
            self.forwarded[(method, urlsplit(path).path, status)] += 1
            if method == "POST" and path.startswith("/v1/feedback") and status == 200:
                self.accepted_bodies.append(body)
            self._cond.notify_all()

    # -- lifecycle -------------------------------------------------------------------

    def __enter__(self) -> Proxy:
        proxy = self

        class Handler(_Handler):
            pass

        Handler.proxy = proxy
        # Connection resets are printed here: no test kills a client behind this proxy.
        self._server = LoopbackServer(Handler, quiet_resets=False).start("test-proxy")
        return self

    def __exit__(self, *exc) -> None:
        self._server.stop(timeout=5)


class _Handler(QuietHandler):
    proxy: Proxy

    def do_GET(self) -> None:  # noqa: N802 (http.server calls it by this name)
        self._handle()

    def do_POST(self) -> None:  # noqa: N802 (http.server calls it by this name)
        self._handle()

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length", "0") or 0)
        body = self.rfile.read(length) if length else b""
        if self.path == "/login":
            with self.proxy._cond:
                self.proxy.logins += 1
            self._answer(200, "text/html; charset=utf-8", PAGE % (200, 200))
            return
        refusal = self.proxy.next_refusal(self.command, self.path)
        if refusal is not None:
            status, kind, page = (
                refusal
                if isinstance(refusal, tuple)
                else (refusal, "text/html; charset=utf-8", PAGE % (refusal, refusal))
            )
            self._answer(status, kind, page, {"Location": "/login"} if 300 <= status < 400 else {})
            return
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_HEADERS | {"host"}}
        # A long-poll may be held for its whole wait: the upstream read waits as long.
        upstream = http.client.HTTPConnection(*self.proxy.upstream, timeout=90)
        try:
            upstream.request(self.command, self.path, body=body or None, headers=headers)
            answer = upstream.getresponse()
            data = answer.read()
        except OSError:
            self.send_error(502)
            return
        finally:
            upstream.close()
        self.proxy.record(self.command, self.path, answer.status, body)
        self.send_response(answer.status)
        for name, value in answer.getheaders():
            if name.lower() not in HOP_HEADERS | OWN_HEADERS:
                self.send_header(name, value)
        if answer.status not in (204, 304):
            self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if answer.status not in (204, 304):
            self.wfile.write(data)

    def _answer(self, status: int, kind: str, body: bytes, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)
