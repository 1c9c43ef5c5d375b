"""Aborting requests in flight from another thread.

requests has no way to cancel a request from another thread, and closing the session only
closes idle pooled connections. So every connection the store client opens registers its
socket here; :meth:`SocketRegistry.shutdown_all` shuts them down, and a read blocked in
another thread returns at once.
"""

from __future__ import annotations

import socket
import threading
import weakref
from typing import Any

import requests
import requests.adapters
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool


class SocketRegistry:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._connections: weakref.WeakSet[HTTPConnection] = weakref.WeakSet()

    def add(self, connection: HTTPConnection) -> None:
        with self._lock:
            self._connections.add(connection)

    def shutdown_all(self) -> None:
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            sock = getattr(connection, "sock", None)
            if sock is None:
                continue
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


class TrackingAdapter(requests.adapters.HTTPAdapter):
    def __init__(self, registry: SocketRegistry) -> None:
        self._registry = registry
        super().__init__(pool_connections=1, pool_maxsize=4)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        registry = self._registry

        class TrackedHTTPConnection(HTTPConnection):
            def connect(self) -> None:
                super().connect()
                registry.add(self)

        class TrackedHTTPSConnection(HTTPSConnection):
            def connect(self) -> None:
                super().connect()
                registry.add(self)

        class Pool(HTTPConnectionPool):
            ConnectionCls = TrackedHTTPConnection

        class SecurePool(HTTPSConnectionPool):
            ConnectionCls = TrackedHTTPSConnection

        self.poolmanager.pool_classes_by_scheme = {"http": Pool, "https": SecurePool}
