"""uvicorn's h11 protocol with a deadline for request headers (slow clients).

uvicorn has no timeout on reading a request's head: its keep-alive timer runs only between
requests and stops at the first byte of the next one, so a client sending one header byte
at a time holds a connection forever (a "slowloris"). No ASGI middleware can help: the
application is called only once the headers are complete. This subclass arms a deadline
whenever the connection waits for a request — when it opens and after every answer — and
disarms it as soon as h11 has parsed a request's headers. Past the deadline a client that
had started a request gets 408 and the connection is closed; an idle one is just closed.

The body has its own deadline, kept by :mod:`kiosk.store.guards` at the ASGI level.
The h11 implementation is chosen explicitly (not uvicorn's "auto"): the deadline hooks
into it, and the store then behaves the same whether or not httptools is installed.
"""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.h11_impl import H11Protocol

_TIMEOUT_BODY = b'{"detail": "the request headers arrived too slowly"}'
_TIMEOUT_ANSWER = (
    b"HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\nconnection: close\r\n"
    b"content-length: " + str(len(_TIMEOUT_BODY)).encode() + b"\r\n\r\n" + _TIMEOUT_BODY
)


class HeaderDeadlineProtocol(H11Protocol):
    #: Seconds from waiting for a request to having its headers; set by :func:`protocol`.
    header_timeout: float = 10.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self._deadline: asyncio.TimerHandle | None = None
        super().connection_made(transport)
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        waiting = self.cycle
        super().data_received(data)
        if self.cycle is not waiting:  # h11 parsed a request's headers
            self._disarm()

    def on_response_complete(self) -> None:
        answered = self.cycle
        super().on_response_complete()
        if self.transport.is_closing():
            return
        if self.cycle is answered:  # not already on to a pipelined request
            self._arm()

    def _arm(self) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(self.header_timeout, self._expired)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expired(self) -> None:
        self._deadline = None
        if self.transport.is_closing():
            return
        if self.conn.trailing_data[0]:  # part of a request came: say why it ends
            self.transport.write(_TIMEOUT_ANSWER)
        self.transport.close()


def protocol(header_timeout: float) -> type[HeaderDeadlineProtocol]:
    """The protocol class to give ``uvicorn.Config(http=…)``."""
    return type("HeaderDeadlineProtocol", (HeaderDeadlineProtocol,), {"header_timeout": header_timeout})
