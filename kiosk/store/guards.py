"""The store's outer defences, as one ASGI middleware in front of every route.

In order, for every HTTP request:

1. **Requests at once.** Long-polls of the feed and all other requests are counted apart
   (:class:`kiosk.store.limits.ServeLimits`); beyond either limit the answer is 503 with
   ``Retry-After``, before anything else is done.
2. **Body size, before it is read.** A declared ``Content-Length`` over the route's limit is
   refused with 413 at once, before authentication and before any handler runs. A body
   without a length (chunked) is counted as the handler reads it; past the limit the read
   fails and the answer is 413. Either way the rest is read and dropped up to
   ``drain_bytes`` (so the client sees the answer), then the connection is closed.
3. **Body time.** Reading a body has a deadline (``body_timeout``); a client that sends
   too slowly gets 408 and the connection is closed.
4. **The catch-all.** Anything a handler did not foresee becomes a logged 500 whose body
   carries only an id to find the log line by; a client never sees a traceback.

An answer sent before the request's body was read to its end closes the connection:
what is left of the body is never read.

FastAPI's own per-route body limit was not enough here: it answers 413 only after the
route's dependencies (authentication among them) have run, keeps the connection open (so
the server goes on reading, and dropping, the rest of a huge body), and has no deadline.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import time

from starlette.requests import ClientDisconnect

from kiosk.store.limits import LONG_POLL_PATHS, ServeLimits
from kiosk.store.refusals import TOO_LARGE

log = logging.getLogger("kiosk.store")

#: The log line every unforeseen failure writes (tests look for it).
CATCH_ALL_MESSAGE = "unexpected error"


class BodyTooLarge(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(f"the body exceeds {limit} bytes")
        self.limit = limit


class BodyTimeout(Exception):
    pass


def _header(scope, name: bytes) -> bytes | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return value
    return None


class Guards:
    """The ASGI middleware (``app.add_middleware(Guards, limits=...)``)."""

    def __init__(self, app, limits: ServeLimits) -> None:
        self.app = app
        self.limits = limits
        self.active = {"requests": 0, "long_polls": 0}
        #: How many requests reached the catch-all since the process started.
        self.unforeseen = 0

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limits.body_limit(scope["method"], scope["path"])
        state = _Exchange(scope, receive, send, limit, self.limits, TOO_LARGE.get(scope["path"]))
        bucket = "long_polls" if scope["path"] in LONG_POLL_PATHS else "requests"
        ceiling = self.limits.max_long_polls if bucket == "long_polls" else self.limits.max_requests
        if self.active[bucket] >= ceiling:
            await state.refuse(
                503,
                "the store is busy; try again later",
                headers=[(b"retry-after", str(self.limits.retry_after).encode())],
            )
            return
        self.active[bucket] += 1
        try:
            await self._guarded(scope, state)
        finally:
            self.active[bucket] -= 1

    async def _guarded(self, scope, state: _Exchange) -> None:
        declared = _header(scope, b"content-length")
        if declared is not None:
            if not declared.isdigit():
                await state.refuse(400, "the Content-Length header is not a number")
                return
            # 5,000 digits would cost a slow int(); anything that long is oversized anyway.
            state.declared = int(declared) if len(declared) <= 18 else 10**18
            if state.declared > state.limit:
                await state.refuse_oversized()
                return
        try:
            await self.app(scope, state.receive, state.send)
        except BodyTooLarge:
            await state.refuse_oversized()
        except BodyTimeout:
            await state.refuse(408, "the request body arrived too slowly")
        except ClientDisconnect:
            log.debug("client went away during %s %s", scope["method"], scope["path"])
        except Exception as exc:
            self.unforeseen += 1
            incident = secrets.token_hex(6)
            log.error("%s %s on %s %s", CATCH_ALL_MESSAGE, incident, scope["method"], scope["path"], exc_info=exc)
            if state.started:
                return  # the answer is already on its way: nothing better can be said
            await state.refuse(500, "internal error; the store's log has the details", {"id": incident})


class _Exchange:
    """One request's body accounting and answer state."""

    def __init__(self, scope, receive, send, limit: int, limits: ServeLimits, too_large_code: str | None) -> None:
        self._receive = receive
        self.too_large_code = too_large_code
        self._send = send
        self.limit = limit
        self.limits = limits
        self.received = 0
        self.deadline: float | None = None
        self.started = False
        self.declared: int | None = None
        self.body_done = (
            _header(scope, b"transfer-encoding") is None and (_header(scope, b"content-length") or b"0") == b"0"
        )

    async def _next(self, timeout: float) -> dict:
        try:
            return await asyncio.wait_for(self._receive(), timeout)
        except TimeoutError:
            raise BodyTimeout() from None

    async def receive(self) -> dict:
        if self.deadline is None:
            self.deadline = time.monotonic() + self.limits.body_timeout
        message = await self._next(max(0.0, self.deadline - time.monotonic()))
        if message["type"] == "http.request":
            self.received += len(message.get("body", b""))
            if not message.get("more_body", False):
                self.body_done = True
            if self.received > self.limit:
                raise BodyTooLarge(self.limit)
        return message

    async def send(self, message: dict) -> None:
        if message["type"] == "http.response.start":
            self.started = True
            if not self.body_done:
                # What is left of the body is not wanted: end the connection after this answer.
                message = {**message, "headers": [*message.get("headers", []), (b"connection", b"close")]}
        await self._send(message)

    async def _drain(self) -> None:
        """Read and drop the rest of the body, up to ``drain_bytes``, within the body deadline."""
        if self.declared is not None and self.declared > self.limits.drain_bytes:
            return  # too much to read for nothing: the connection is cut instead
        if self.deadline is None:
            self.deadline = time.monotonic() + self.limits.body_timeout
        while not self.body_done and self.received <= self.limits.drain_bytes:
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                return
            try:
                message = await asyncio.wait_for(self._receive(), remaining)
            except TimeoutError:
                return
            if message["type"] != "http.request":
                return
            self.received += len(message.get("body", b""))
            self.body_done = not message.get("more_body", False)

    async def refuse_oversized(self) -> None:
        await self._drain()
        self.body_done = False  # close the connection whatever was drained
        code = {"code": self.too_large_code} if self.too_large_code else None
        await self.refuse(413, f"the body exceeds {self.limit} bytes", code)

    async def refuse(self, status: int, detail: str, extra: dict | None = None, headers: list | None = None) -> None:
        """Answer ``{"detail": …}`` with ``status`` (the connection closes if the body was not read)."""
        if self.started:
            return
        body = json.dumps({"detail": detail, **(extra or {})}).encode("utf-8")
        head = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"cache-control", b"no-store"),
            *(headers or []),
        ]
        await self.send({"type": "http.response.start", "status": status, "headers": head})
        await self.send({"type": "http.response.body", "body": body})
