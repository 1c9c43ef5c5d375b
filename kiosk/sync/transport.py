"""HTTP to the central store: one ``requests.Session``, timeouts, size limits, abortable.

Every download is streamed and cut off at the limit :mod:`kiosk.feed` sets for its kind
(a hostile store cannot fill the kiosk's memory or disk), and every network problem ends
as one :class:`~kiosk.sync.errors.SyncError` with a line a person can act on. Nothing
here trusts what it receives: checking signatures and hashes is the syncer's job.

:meth:`StoreClient.abort` ends a request in flight from another thread (a long-poll may
hold a connection for a minute; a kiosk that is shutting down must not wait for it).
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import logging
import os
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import requests
import requests.adapters
import requests.utils
from urllib3.exceptions import ReadTimeoutError

from kiosk import __version__, feed, usage_wire
from kiosk import feedback as fb
from kiosk.sync.abortable import SocketRegistry, TrackingAdapter
from kiosk.sync.answers import CHUNK, content_type, json_object, parse_retry_after
from kiosk.sync.errors import FeedbackRejected, SyncError
from kiosk.trust.packformat import parse

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FeedAnswer:
    """The store's answer to a feed request: a body, "nothing new" (304) or "too old" (410)."""

    body: bytes = b""
    not_modified: bool = False
    gone: bool = False


class StoreClient:
    """The kiosk's side of the store protocol (see the store's README for the endpoints)."""

    def __init__(self, url: str, token: str, *, timeout: float = 30.0, connect_timeout: float | None = None) -> None:
        self.url = url.rstrip("/")
        #: Seconds without a byte from the store before a read gives up.
        self.timeout = timeout
        self.connect_timeout = connect_timeout if connect_timeout is not None else min(timeout, 10.0)
        self._sockets = SocketRegistry()
        self._aborted = threading.Event()
        self.session = requests.Session()
        adapter = TrackingAdapter(self._sockets)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        # Only what the store uses: requests' defaults (Accept, Accept-Encoding for a gzip the
        # store never sends, Connection: keep-alive, HTTP/1.1's default anyway) would be most
        # of a poll's bytes — a poll with nothing new must stay small (one 304).
        self.session.headers.clear()
        self.session.headers["User-Agent"] = f"lobby-kiosk/{__version__}"
        # Proxies and CA bundle from the environment, read once: requests would otherwise
        # scan os.environ on every request (a millisecond each, 10,000 times a first sync).
        self.session.proxies.update(requests.utils.get_environ_proxies(self.url))
        self.session.verify = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
        self.session.trust_env = False
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"
        #: The kiosk's clock (the sync service sets its injected one), and how far it is ahead
        #: of the store's: read from the ``Date`` header of every answer.
        self.clock: Any = None
        self.clock_offset: float | None = None
        self.session.hooks["response"].append(self._note_date)

    def _note_date(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        value = response.headers.get("Date")
        if not value:
            return
        try:
            remote = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return  # a hostile or broken header: the last good offset stays
        if remote.tzinfo is None:
            return
        local = self.clock.now() if self.clock is not None else datetime.now(UTC)
        self.clock_offset = round((local - remote).total_seconds(), 1)

    # -- the endpoints ---------------------------------------------------------------

    def snapshot(self, held_version: int) -> FeedAnswer:
        headers = {"If-None-Match": f'"v{held_version}"'} if held_version else {}
        status, body = self._get("/v1/feed/snapshot", "the feed snapshot", feed.MAX_FEED_BYTES, headers=headers)
        return FeedAnswer(body=body, not_modified=status == 304)

    def delta(self, since: int, wait: float | None = None) -> FeedAnswer:
        params = {"since": str(since)}
        if wait:
            params["wait"] = str(int(wait))
        # The store may hold a long-poll for ``wait`` seconds before its first byte.
        read_timeout = self.timeout + (wait or 0)
        status, body = self._get(
            "/v1/feed/delta",
            "the feed delta",
            feed.MAX_FEED_BYTES,
            params=params,
            read_timeout=read_timeout,
            allow={304, 410},
        )
        return FeedAnswer(body=body, not_modified=status == 304, gone=status == 410)

    def feedback_status(self, etag: str | None, limit: int) -> tuple[bytes, str] | None:
        """This kiosk's references and their statuses (``GET /v1/feedback/status``) with the
        answer's ETag, or None when ``etag`` is still current (304)."""
        headers = {"If-None-Match": etag} if etag else None
        answered: dict[str, str] = {}
        status, body = self._get(
            "/v1/feedback/status", "the feedback status", limit, headers=headers, answer_headers=answered
        )
        if status == 304:
            return None
        # Header names come as the server spelled them (uvicorn: lower case).
        return body, next((v for k, v in answered.items() if k.lower() == "etag"), "")

    # -- protocol v2 ----------------------------------------------------------------

    def target(self, sha256: str, limit: int) -> bytes:
        """An item document or withdrawal named by a verified bin (checked by the caller)."""
        _, body = self._get(f"/v2/targets/{sha256}", f"document {sha256[:12]}…", limit, allow=set())
        return body

    def pack_index(self, snapshot_version: int) -> dict[str, Any]:
        """Which packs hold snapshot N (a hint: {} when the store has none or it is malformed)."""
        status, body = self._get(f"/v2/packs/{snapshot_version}.json", "the pack index", 1024 * 1024, allow={404})
        try:
            index = json.loads(body) if status == 200 else {}
            return index if isinstance(index, dict) else {}
        except ValueError:
            return {}

    def pack(self, name: str) -> list[tuple[str, bytes]]:
        """The records of one pack (nothing here is trusted: the caller checks each record)."""
        if len(name) != 64 or any(c not in "0123456789abcdef" for c in name):
            return []
        status, pack = self._get(f"/v2/packs/{name}", f"pack {name[:12]}…", feed.MAX_FEED_BYTES, allow={404})
        return list(parse(pack)) if status == 200 else []

    def packs(self, index: dict[str, Any], wanted: set[str]) -> dict[str, bytes]:
        """Documents from the packs an index lists, by the sha256 their bytes have.

        Whatever the packs lack or spoil is simply missing from the answer: the caller
        fetches it one by one. Only a network failure ends the attempt.
        """
        found: dict[str, bytes] = {}
        try:
            names = [str(p["sha256"]) for p in index.get("packs", ())][:64]
        except (TypeError, KeyError, AttributeError):
            return found
        for name in names:
            if not wanted - found.keys():
                break
            for sha, data in self.pack(name):
                if sha in wanted and hashlib.sha256(data).hexdigest() == sha:
                    found[sha] = data
        return found

    def wait_v2(self, since: int, wait: float) -> int | None:
        """The store's wake-up hint: the feed version once it passes ``since``, None after ``wait`` s."""
        status, body = self._get(
            "/v2/wait",
            "the wake-up hint",
            4096,
            params={"since": str(since), "wait": str(int(wait))},
            read_timeout=self.timeout + wait,
            allow={304},
        )
        if status == 304:
            return None
        try:
            return int(json.loads(body)["version"])
        except (ValueError, KeyError, TypeError):
            return None

    def item(self, sha256: str) -> bytes:
        _, body = self._get(f"/v1/items/{sha256}", f"item document {sha256[:12]}…", feed.MAX_ITEM_BYTES, allow=set())
        return body

    def asset(self, sha256: str, target: Path) -> None:
        """Download an asset into ``target`` (fsynced) and check its hash; the file is removed on failure."""
        what = f"asset {sha256[:12]}…"
        digest = hashlib.sha256()
        try:
            with open(target, "wb") as out:
                self._get(f"/v1/assets/{sha256}", what, feed.MAX_ASSET_BYTES, allow=set(), sink=out, digest=digest)
                out.flush()
                os.fsync(out.fileno())
        except BaseException:
            target.unlink(missing_ok=True)
            raise
        if digest.hexdigest() != sha256:
            target.unlink(missing_ok=True)
            raise SyncError("refused", "hash", f"{what}: bytes do not match the signed hash")

    def heartbeat(self, report: dict[str, Any]) -> None:
        if self._aborted.is_set():  # a heartbeat queued before a stop must not open a connection after it
            raise SyncError("failed", "stopped", "sync stopped")
        try:
            response = self.session.post(
                self.url + "/v1/heartbeat", json=report, timeout=(self.connect_timeout, self.timeout)
            )
            response.close()
        except requests.RequestException as exc:
            raise self._network_error("the heartbeat", exc) from None
        if response.status_code >= 400:
            raise self._status_error("the heartbeat", response)

    def post_feedback(self, body: bytes) -> dict[str, Any]:
        """Upload one feedback record (its canonical JSON); the store's answer.

        Raises :class:`FeedbackRejected` only for the store's own refusal of this record
        for good (its JSON body with a code of :data:`kiosk.feedback.REFUSED_FOR_GOOD`);
        anything else — network, 401, 408, 429, 5xx, a proxy's HTML page, a redirect — is a
        :class:`SyncError` worth retrying, with ``retry_after`` set when the answer said when.
        """
        return self._post_record("/v1/feedback", "the feedback upload", body, fb.REFUSED_FOR_GOOD)

    def post_usage(self, body: bytes) -> dict[str, Any]:
        """Upload one hour's batch of anonymous use (:mod:`kiosk.usage_wire`); as
        :meth:`post_feedback`, with the codes of :data:`kiosk.usage_wire.REFUSED_FOR_GOOD`."""
        return self._post_record("/v1/usage", "the usage upload", body, usage_wire.REFUSED_FOR_GOOD)

    def _post_record(self, path: str, what: str, body: bytes, for_good: frozenset[str]) -> dict[str, Any]:
        if self._aborted.is_set():
            raise SyncError("failed", "stopped", "sync stopped")
        try:
            # No redirects: requests would turn the POST into a GET of some login page.
            response = self.session.post(
                self.url + path,
                data=body,
                headers={"Content-Type": "application/json"},
                timeout=(self.connect_timeout, self.timeout),
                allow_redirects=False,
                stream=True,
            )
        except requests.RequestException as exc:
            raise self._network_error(what, exc) from None
        with response:
            code = response.status_code
            try:
                answer = json_object(response)
            except requests.RequestException as exc:
                raise self._network_error(what, exc) from None
            if code == 200:
                if answer is None:
                    raise SyncError(
                        "failed",
                        "http",
                        f"{what}: the answer is not the store's JSON ({content_type(response)}); will retry",
                    )
                return answer
            refusal = str(answer.get("code", "")) if answer is not None else ""
            if answer is not None and 400 <= code < 500 and refusal in for_good:
                raise FeedbackRejected(code, str(answer.get("detail", "")), refusal)
            if code == 401:
                raise self._status_error(what, response)
            origin = (
                f"store refusal {refusal!r}" if refusal else f"not the store's own refusal: {content_type(response)}"
            )
            raise SyncError(
                "failed",
                "http",
                f"{what} was answered HTTP {code} ({origin}); will retry",
                retry_after=parse_retry_after(response.headers.get("Retry-After")),
            )

    # -- lifecycle -------------------------------------------------------------------

    def abort(self) -> None:
        """End every request in flight now (from any thread); later requests fail at once."""
        self._aborted.set()
        self._sockets.shutdown_all()

    def close(self) -> None:
        self.abort()
        self.session.close()

    # -- internals -------------------------------------------------------------------

    def _get(
        self,
        path: str,
        what: str,
        limit: int,
        *,
        headers: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None,
        read_timeout: float | None = None,
        allow: frozenset[int] | set[int] = frozenset({304}),
        sink: IO[bytes] | None = None,
        digest: hashlib._Hash | None = None,
        answer_headers: dict[str, str] | None = None,
    ) -> tuple[int, bytes]:
        """``(status, body)``; a status in ``allow`` comes with an empty body. ``answer_headers``,
        when given, receives the response's headers."""
        if self._aborted.is_set():
            raise SyncError("failed", "stopped", "sync stopped")
        read_timeout = read_timeout or self.timeout
        try:
            response = self.session.get(
                self.url + path,
                headers=headers,
                params=params,
                stream=True,
                timeout=(self.connect_timeout, read_timeout),
            )
        except requests.RequestException as exc:
            raise self._network_error(what, exc, read_timeout) from None
        with response:
            if answer_headers is not None:
                answer_headers.update(response.headers)
            if response.status_code in allow:
                return response.status_code, b""
            if response.status_code != 200:
                raise self._status_error(what, response)
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > limit:
                raise SyncError("refused", "oversized", f"{what} of {int(declared)} bytes exceeds the limit of {limit}")
            body = bytearray()
            size = 0
            # A store that trickles one byte per timeout would never trip the read timeout:
            # the whole download gets a deadline too.
            deadline = time.monotonic() + read_timeout + max(60.0, limit / 1_000_000)
            try:
                for chunk in response.iter_content(CHUNK):
                    size += len(chunk)
                    if size > limit:
                        raise SyncError("refused", "oversized", f"{what} exceeds the limit of {limit} bytes")
                    if sink is not None:
                        sink.write(chunk)
                        if digest is not None:
                            digest.update(chunk)
                    else:
                        body += chunk
                    if time.monotonic() > deadline:
                        raise SyncError("failed", "timeout", f"{what}: the store is sending too slowly; gave up")
            except requests.RequestException as exc:
                raise self._network_error(what, exc, read_timeout) from None
            if declared.isdigit() and size != int(declared):
                raise SyncError("failed", "truncated", f"{what}: download cut short ({size} of {declared} bytes)")
            return 200, bytes(body)

    def _network_error(self, what: str, exc: BaseException, read_timeout: float | None = None) -> SyncError:
        log.debug("request for %s failed", what, exc_info=exc)
        if self._aborted.is_set():
            return SyncError("failed", "stopped", "sync stopped")
        if isinstance(exc, requests.exceptions.ConnectTimeout):
            return SyncError("failed", "unreachable", f"cannot connect to the store at {self.url} (timed out)")
        if isinstance(exc, requests.exceptions.ReadTimeout) or _caused_by(exc, ReadTimeoutError):
            seconds = read_timeout or self.timeout
            return SyncError("failed", "timeout", f"the store at {self.url} did not answer {what} within {seconds:g} s")
        if isinstance(exc, (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError)):
            return SyncError("failed", "truncated", f"{what}: download cut short ({_short(exc)})")
        if isinstance(exc, requests.exceptions.ConnectionError):
            return SyncError("failed", "unreachable", f"cannot reach the store at {self.url} ({_short(exc)})")
        return SyncError("failed", "network", f"{what}: {_short(exc)}")

    def _status_error(self, what: str, response: requests.Response) -> SyncError:
        code = response.status_code
        if code == 401:
            return SyncError(
                "refused", "unauthorized", "the store refused this kiosk's device token (401); enrol the kiosk again"
            )
        return SyncError(
            "failed",
            "http",
            f"the store answered {what} with HTTP {code}",
            retry_after=parse_retry_after(response.headers.get("Retry-After")),
        )


def _caused_by(exc: BaseException | None, kind: type) -> bool:
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, kind) or any(isinstance(a, kind) for a in getattr(exc, "args", ())):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) < 200 else text[:200] + "…"
