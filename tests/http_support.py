"""A small HTTP server on loopback for tests that stand in for a store or a proxy: it runs in
a thread, keeps track of its open connections and, when stopped, closes them and joins every
handler thread, so a test ends with nothing left behind."""

from __future__ import annotations

import contextlib
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class LoopbackServer(ThreadingHTTPServer):
    """A threading HTTP server on ``127.0.0.1`` (a free port) that tracks its connections.

    ``quiet_resets``: a client killed on purpose resets its connection — in the kill tests
    that is the test, not an error, so such resets are not printed.
    """

    # Handler threads are joined at server_close(), so a test ends with none left behind.
    daemon_threads = False
    block_on_close = True

    def __init__(self, handler: type[BaseHTTPRequestHandler], *, quiet_resets: bool = True) -> None:
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        self._quiet_resets = quiet_resets
        self._thread: threading.Thread | None = None
        super().__init__(("127.0.0.1", 0), handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def start(self, name: str) -> LoopbackServer:
        """Serve in a thread called ``name``."""
        self._thread = threading.Thread(
            target=self.serve_forever, kwargs={"poll_interval": 0.05}, name=name, daemon=True
        )
        self._thread.start()
        return self

    def stop(self, timeout: float = 10) -> None:
        """Stop serving, end the open connections, join every handler thread and the server's."""
        self.shutdown()
        self.close_connections()
        self.server_close()  # joins every handler thread
        if self._thread is not None:
            self._thread.join(timeout=timeout)

    def process_request(self, request, client_address) -> None:
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request, client_address) -> None:
        if not (self._quiet_resets and isinstance(sys.exc_info()[1], ConnectionError)):
            super().handle_error(request, client_address)

    def close_connections(self) -> None:
        # An idle keep-alive connection would hold its handler thread until the client closes.
        with self._connections_lock:
            open_now = list(self._connections)
        for sock in open_now:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class QuietHandler(BaseHTTPRequestHandler):
    """HTTP/1.1 with keep-alive, no access log (the tests read what they recorded), and an
    idle connection that ends on its own after ``timeout`` seconds."""

    protocol_version = "HTTP/1.1"
    timeout = 10

    def log_message(self, format, *args) -> None:
        pass
