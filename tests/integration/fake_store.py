"""A programmable central store on loopback: real HTTP, real signatures, told how to misbehave.

It speaks the store protocol (``/v1/feed/snapshot``, ``/v1/feed/delta``, ``/v1/items/…``,
``/v1/assets/…``, ``/v1/heartbeat``) with documents signed here with :mod:`kiosk.signing`
and :mod:`kiosk.feed`, so the kiosk's sync client runs unchanged against it. Unlike the
real store it can be hostile on purpose — flip a byte, sign with the wrong key, replay an
old feed, cut a download short, hang — which is what the fault tests need.

    store = FakeStore(); store.start()
    store.publish([item, …], assets={sha: bytes})
    store.tamper("/v1/items/", flip_byte)
    store.stop()
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

from http_support import LoopbackServer, QuietHandler

from kiosk import feed, signing
from kiosk.content import Item

TOKEN = "test-device-token"


def flip_byte(body: bytes, at: int | None = None) -> bytes:
    """The body with one bit of one byte flipped (the middle byte unless ``at`` is given)."""
    if not body:
        return body
    i = len(body) // 2 if at is None else at
    return body[:i] + bytes([body[i] ^ 0x01]) + body[i + 1 :]


@dataclass
class Fault:
    """What to do to responses whose path starts with ``prefix``."""

    prefix: str
    transform: Callable[[bytes], bytes] | None = None
    #: "hang": never answer (until the store stops); "truncate": declare the full length,
    #: send half, close; "stream": no Content-Length, body until the connection closes.
    mode: str = ""
    status: int | None = None
    headers: dict = field(default_factory=dict)
    #: How many responses to spoil (None: all).
    times: int | None = None


@dataclass
class Request:
    method: str
    path: str
    status: int
    sent: int  # body bytes
    headers: dict


class FakeStore:
    def __init__(self, *, lifetime: timedelta = feed.FEED_LIFETIME, token: str = TOKEN) -> None:
        self.store_key = signing.generate()
        self.approver_key = signing.generate()
        self.token = token
        self.lifetime = lifetime
        #: The key feeds are signed with (tests swap it for a wrong one).
        self.feed_signing_key = self.store_key
        self.documents: dict[str, bytes] = {}
        self.assets: dict[str, bytes] = {}
        #: version -> {item id: Entry}
        self.versions: dict[int, dict[str, feed.Entry]] = {0: {}}
        self.version = 0
        #: Deltas from versions below this answer 410 (the store "forgot" them).
        self.oldest_delta = 0
        self.snapshots: dict[int, bytes] = {}
        #: A lifetime given at publication applies to deltas up to that version too.
        self.lifetimes: dict[int, timedelta] = {}
        #: Serve this envelope for every feed request instead (replay tests).
        self.replay: bytes | None = None
        #: Answered requests, in order of their answers.
        self.requests: list[Request] = []
        #: Paths of requests as they arrive (a long-poll shows here before it is answered).
        self.arrived: list[str] = []
        self.heartbeats: list[dict] = []
        self.faults: list[Fault] = []
        self.closing = threading.Event()
        self._cond = threading.Condition()
        self._server: LoopbackServer | None = None

    # -- keys and configuration for a kiosk ------------------------------------------

    @property
    def store_key_text(self) -> str:
        return signing.public_text(self.store_key)

    @property
    def approver_key_text(self) -> str:
        return signing.public_text(self.approver_key)

    @property
    def url(self) -> str:
        return self._server.url

    def store_table(self, **extra) -> dict:
        table = {
            "url": self.url,
            "store_key": self.store_key_text,
            "approver_keys": [self.approver_key_text],
            "device_token": self.token,
        }
        table.update(extra)
        return table

    def store_toml(self, **extra) -> str:
        lines = ["[store]"]
        for key, value in self.store_table(**extra).items():
            lines.append(f"{key} = {json.dumps(value)}")
        return "\n".join(lines) + "\n"

    # -- content ---------------------------------------------------------------------

    def document(self, item: Item, *, approver_key=None, signed_key=None, signature: str | None = None) -> bytes:
        """An item document; by default approved properly with the pinned approver key.

        ``approver_key`` signs instead (an untrusted approver); ``signed_key`` is the key
        the document *claims* (a forgery names the pinned key but signs with another).
        """
        signer = approver_key or self.approver_key
        claimed = signing.public_text(signed_key or signer)
        if signature is None:
            signature = signing.sign(signer, feed.approval_bytes(item))
        return feed.item_document(item, "approver", claimed, signature)

    def publish(
        self,
        items: list[Item],
        *,
        assets: dict[str, bytes] | None = None,
        documents: dict[str, bytes] | None = None,
        lifetime: timedelta | None = None,
    ) -> int:
        """Make ``items`` the whole feed as a new version; returns the version.

        ``documents`` overrides the document of an item id with raw bytes (hostile tests).
        """
        entries = {}
        for item in items:
            data = (documents or {}).get(item.id) or self.document(item)
            sha = feed.sha256_hex(data)
            self.documents[sha] = data
            entries[item.id] = feed.Entry(item.id, item.revision, sha)
        self.assets.update(assets or {})
        with self._cond:
            self.version += 1
            self.versions[self.version] = entries
            if lifetime is not None:
                self.lifetimes[self.version] = lifetime
            self.snapshots[self.version] = self._sign(
                "snapshot", self.version, list(entries.values()), lifetime=lifetime
            )
            self._cond.notify_all()
            return self.version

    def current_items(self) -> dict[str, feed.Entry]:
        return dict(self.versions[self.version])

    def withdraw(self, *item_ids: str) -> int:
        """A new version without ``item_ids``."""
        kept = {i: e for i, e in self.versions[self.version].items() if i not in item_ids}
        with self._cond:
            self.version += 1
            self.versions[self.version] = kept
            self.snapshots[self.version] = self._sign("snapshot", self.version, list(kept.values()))
            self._cond.notify_all()
            return self.version

    def _sign(
        self,
        kind: str,
        version: int,
        entries: list[feed.Entry],
        *,
        since: int | None = None,
        removals: tuple[str, ...] = (),
        lifetime: timedelta | None = None,
    ) -> bytes:
        now = datetime.now(UTC)
        version_doc = feed.FeedVersion(
            kind=kind,
            version=version,
            issued_at=now - timedelta(seconds=1),
            expires_at=now + (lifetime if lifetime is not None else self.lifetime),
            entries=tuple(entries),
            removals=removals,
            since=since,
        )
        return feed.sign_feed(version_doc, self.feed_signing_key)

    def delta_envelope(self, since: int) -> bytes:
        old, new = self.versions[since], self.versions[self.version]
        changed = [e for i, e in new.items() if old.get(i) != e]
        removals = tuple(i for i in old if i not in new)
        return self._sign(
            "delta", self.version, changed, since=since, removals=removals, lifetime=self.lifetimes.get(self.version)
        )

    # -- misbehaviour ----------------------------------------------------------------

    def fault(self, prefix: str, transform: Callable[[bytes], bytes] | None = None, **kwargs) -> Fault:
        spoil = Fault(prefix, transform, **kwargs)
        self.faults.append(spoil)
        return spoil

    def heal(self) -> None:
        self.faults.clear()
        self.replay = None
        self.feed_signing_key = self.store_key

    def record(self, log: list, entry) -> None:
        """Append to one of the request logs and wake anyone waiting on them."""
        with self._cond:
            log.append(entry)
            self._cond.notify_all()

    def wait_until(self, predicate, timeout: float) -> bool:
        """Block until ``predicate()`` holds (checked whenever a log grows), or ``timeout``."""
        with self._cond:
            return self._cond.wait_for(predicate, timeout)

    def waiting(self, prefix: str) -> bool:
        """Whether a request for ``prefix`` arrived and is not answered yet (a long-poll held)."""
        return sum(p.startswith(prefix) for p in self.arrived) > self.count(prefix)

    def count(self, prefix: str, status: int | None = None) -> int:
        return sum(1 for r in self.requests if r.path.startswith(prefix) and (status is None or r.status == status))

    # -- the server ------------------------------------------------------------------

    def start(self) -> FakeStore:
        store = self

        class Handler(_Handler):
            pass

        Handler.store = store
        self._server = LoopbackServer(Handler).start("fake-store")
        return self

    def stop(self) -> None:
        self.closing.set()
        with self._cond:
            self._cond.notify_all()
        if self._server is not None:
            self._server.stop(timeout=5)
            self._server = None

    def wait_for_version(self, since: int, timeout: float) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: self.version != since or self.closing.is_set(), timeout)


class _Handler(QuietHandler):
    store: FakeStore

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in separate writes: without this, Nagle's algorithm and the
        # client's delayed ACK add 40 ms to every response.
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_GET(self) -> None:  # noqa: N802 (http.server calls it by this name)
        self.store.record(self.store.arrived, self.path)
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        store = self.store
        path = url.path
        if path.startswith("/v1/feed/"):
            if not self._authorised():
                return
            if store.replay is not None:
                self._send(200, store.replay, {"ETag": '"replay"'})
            elif path == "/v1/feed/snapshot":
                etag = f'"v{store.version}"'
                if self.headers.get("If-None-Match") == etag:
                    self._send(304, b"", {"ETag": etag})
                else:
                    self._send(
                        200, store.snapshots.get(store.version) or store._sign("snapshot", 0, []), {"ETag": etag}
                    )
            elif path == "/v1/feed/delta":
                try:
                    since = int(query["since"][0])
                    wait = min(60.0, float(query.get("wait", ["0"])[0]))
                except (KeyError, ValueError):
                    self._send(400, b"bad since")
                    return
                if since > store.version or since < store.oldest_delta or since not in store.versions:
                    self._send(410, b"")
                    return
                if since == store.version and wait > 0:
                    store.wait_for_version(since, wait)
                if store.closing.is_set():
                    self.close_connection = True
                    return
                if since == store.version:
                    self._send(304, b"")
                else:
                    self._send(200, store.delta_envelope(since))
            else:
                self._send(404, b"")
        elif path.startswith("/v1/items/"):
            data = store.documents.get(path.rsplit("/", 1)[1])
            self._send(
                200, data, {"Cache-Control": "public, max-age=31536000, immutable"}
            ) if data is not None else self._send(404, b"")
        elif path.startswith("/v1/assets/"):
            data = store.assets.get(path.rsplit("/", 1)[1])
            self._send(200, data) if data is not None else self._send(404, b"")
        else:
            self._send(404, b"")

    def do_POST(self) -> None:  # noqa: N802 (http.server calls it by this name)
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        if self.path != "/v1/heartbeat":
            self._send(404, b"")
            return
        if not self._authorised():
            return
        self.store.record(self.store.heartbeats, json.loads(body))
        self._send(204, b"")

    def _authorised(self) -> bool:
        if self.headers.get("Authorization") != f"Bearer {self.store.token}":
            self._send(401, b'{"detail":"unknown device"}')
            return False
        return True

    def _send(self, status: int, body: bytes, headers: dict | None = None) -> None:
        store = self.store
        headers = dict(headers or {})
        mode = ""
        path = urlsplit(self.path).path
        for spoil in store.faults:
            if path.startswith(spoil.prefix) and (spoil.times is None or spoil.times > 0) and status < 400:
                if spoil.times is not None:
                    spoil.times -= 1
                if spoil.transform is not None:
                    body = spoil.transform(body)
                if spoil.status is not None:
                    status = spoil.status
                headers.update(spoil.headers)
                mode = spoil.mode or mode
        store.record(store.requests, Request(self.command, self.path, status, len(body), dict(self.headers)))
        if mode == "hang":
            store.closing.wait(120)
            self.close_connection = True
            return
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if mode == "stream":
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)
            self.close_connection = True
            return
        if status not in (204, 304):
            self.send_header("Content-Length", str(len(body)))
        if status in (204, 304):
            self.end_headers()
            return
        if mode == "truncate":
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.close_connection = True
            return
        self.end_headers()
        self.wfile.write(body)


__all__ = ["FakeStore", "Fault", "TOKEN", "flip_byte"]
