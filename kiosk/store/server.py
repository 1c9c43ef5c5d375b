"""The store's HTTP protocol (FastAPI): the signed feed, item documents, assets, heartbeats.

Endpoints (OpenAPI at ``/openapi.json``, pages at ``/docs``):

* ``GET /v1/feed/snapshot`` — the signed snapshot; ``ETag: "vN"``; ``If-None-Match`` → 304.
* ``GET /v1/feed/delta?since=M[&wait=S]`` — the signed delta from M; 304 when M is current
  (after holding the request up to ``min(S, 60)`` s for a newer version); 410 when M is
  older than the kept history or newer than the store (fetch the snapshot then).
* ``GET /v1/items/{sha256}`` and ``GET /v1/assets/{sha256}`` — immutable, content-addressed,
  cacheable by anything in front of the store (no token: CDN-friendly). Only what has been
  in a feed is served. Assets honour ``Range`` and ``If-Range``.
* ``POST /v1/heartbeat`` — a kiosk's status; 204.
* ``POST /v1/feedback`` — one visitor's feedback (kiosk.feedback.Feedback as JSON); 200 with
  ``{"id", "reference", "received_at"}``, the same answer for a replay of the same bytes;
  409 for the same id with other content, 413 above 64 KiB, 422 for a record breaking a rule
  (``{"detail", "code", "field"}``, codes of kiosk.feedback), 429 with ``Retry-After`` when one device floods.
* ``POST /v1/usage`` — a kiosk's hourly batch of anonymous use or play time (:mod:`.usage_router`).
* ``GET /v1/feedback/status`` — this kiosk's recent references and where each stands
  (received, handling, answered; nothing else); ``ETag``, ``If-None-Match`` → 304 (:mod:`.feedback_status`).
* ``GET /v1/health`` — ``{"version": N}``.
* ``/admin/…`` — the office's web console (:mod:`kiosk.store.console`): HTML pages for
  people signed in with a password; no device token.

The feed, heartbeat and feedback endpoints need ``Authorization: Bearer <device token>``,
checked before any body is read. Bodies, read timeouts and requests at once are bounded by
:mod:`.guards` (limits in :mod:`.limits`); every field's type and range is in :mod:`.fields`.
The server never approves anything: it holds only the store key, which signs feed versions.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import threading
import time

from fastapi import Depends, FastAPI, Header, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from kiosk import __version__
from kiosk import feedback as fb
from kiosk.store import devices, feedstate, fields, guards, keys, notify, refusals
from kiosk.store.accounts import AccountPolicy
from kiosk.store.feedback import Conflict
from kiosk.store.limits import ServeLimits
from kiosk.store.models import Asset, Document
from kiosk.store.ranges import IMMUTABLE, ranged
from kiosk.store.service import Store
from kiosk.store.signed_feeds import SignedFeeds

log = logging.getLogger("kiosk.store")

MAX_WAIT = 60.0
_SHA256 = re.compile(r"[0-9a-f]{64}")
#: Headers the routes read, declared for the OpenAPI document (and so for the fuzzer).
_IF_NONE_MATCH = Header(None, alias="If-None-Match")  # bounded by the head limit
_SHA256_PATH = Path(description="sha256 of the bytes, lowercase hex", json_schema_extra={"pattern": "^[0-9a-f]{64}$"})


class FloodGuard:
    """A token bucket per device: ``burst`` uploads at once, then ``rate`` per second.

    Per process: several store processes each keep their own (a flood still meets a
    limit in each). A kiosk uploading a backlog after a long outage stays well inside it.
    """

    def __init__(self, burst: float = 100.0, rate: float = 5.0) -> None:
        self.burst = burst
        self.rate = rate
        self._lock = threading.Lock()
        self._buckets: dict[int, tuple[float, float]] = {}

    def wait(self, device_id: int) -> float:
        """0 when the device may go ahead (a token is taken), else the seconds to wait."""
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(device_id, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens >= 1:
                self._buckets[device_id] = (tokens - 1, now)
                return 0.0
            self._buckets[device_id] = (tokens, now)
            return (1 - tokens) / self.rate


def create_app(
    store: Store,
    poll_interval: float | None = None,
    flood_guard: FloodGuard | None = None,
    limits: ServeLimits | None = None,
    policy: AccountPolicy | None = None,
    behind_tls_proxy: bool = False,
) -> FastAPI:
    limits = limits or ServeLimits()
    store_key = keys.load_store_key(store.data_dir)
    signed = SignedFeeds(store, store_key)
    db = store.db
    interval = poll_interval or (notify.POSTGRESQL_POLL_INTERVAL if db.is_postgresql else notify.SQLITE_POLL_INTERVAL)
    watch = notify.VersionWatch()

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI):
        watch.update(await notify.in_thread(store.refresh))
        tasks = [asyncio.create_task(notify.poll_loop(db, watch, store.clock, interval))]
        if db.is_postgresql:
            tasks.append(asyncio.create_task(notify.listen_loop(db, watch)))
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    app = FastAPI(
        title="Lobby Kiosk central store",
        version=__version__,
        lifespan=lifespan,
        description="The signed feed that kiosks sync from, and their heartbeats.",
    )
    app.add_middleware(guards.Guards, limits=limits)
    bearer = HTTPBearer(auto_error=False, description="the device token printed by `kiosk-store device enroll`")

    def device(credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> int:
        if credentials is None:
            raise HTTPException(401, "missing bearer token", headers={"WWW-Authenticate": "Bearer"})
        with db.read() as session:
            found = devices.authenticate(session, credentials.credentials)
            if found is None:
                raise HTTPException(401, "unknown or revoked device token", headers={"WWW-Authenticate": "Bearer"})
            return found.id

    @app.exception_handler(OperationalError)
    async def database_unavailable(_request: Request, exc: OperationalError) -> JSONResponse:
        log.warning("database unavailable: %s", exc.orig)
        return JSONResponse(
            {"detail": "the store's database is unavailable; try again later"},
            status_code=503,
            headers={"Retry-After": "5"},
        )

    def feed_response(version: int, body: bytes | None) -> Response:
        headers = {"ETag": f'"v{version}"', "Cache-Control": "no-cache"}
        if body is None:
            return Response(status_code=304, headers=headers)
        return Response(body, media_type="application/json", headers=headers)

    @app.get("/v1/health", summary="The current feed version (no token needed)")
    def health() -> dict:
        return {"version": store.refresh()}

    @app.get(
        "/v1/feed/snapshot",
        summary="Every item in the feed, signed by the store",
        responses={304: {"description": "If-None-Match names the current version"}},
    )
    def snapshot(request: Request, _device: int = Depends(device), _etag: str | None = _IF_NONE_MATCH) -> Response:
        version = store.refresh()
        if request.headers.get("if-none-match", "").strip() == f'"v{version}"':
            return feed_response(version, None)
        version, body = signed.snapshot()
        return feed_response(version, body)

    @app.get(
        "/v1/feed/delta",
        summary="What changed since a version, signed; optionally a long-poll",
        responses={
            304: {"description": "nothing newer than `since` (after waiting up to `wait` s)"},
            410: {"description": "`since` is too old or unknown: fetch the snapshot"},
        },
    )
    async def delta(
        since: int = Query(ge=0, le=fields.INT32_MAX, description="the version the kiosk holds"),
        wait: float = Query(
            0,
            ge=0,
            le=fields.WAIT_CEILING,
            allow_inf_nan=False,
            description=f"seconds to hold the request (held at most {MAX_WAIT:g})",
        ),
        _device: int = Depends(device),
    ) -> Response:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + min(wait, MAX_WAIT)
        while True:
            try:
                version = await notify.in_thread(store.refresh)
                version, body = await notify.in_thread(lambda: signed.delta(since))
                return feed_response(version, body)
            except feedstate.Gone as exc:
                return JSONResponse({"detail": str(exc)}, status_code=410, headers={"Cache-Control": "no-cache"})
            except feedstate.NotModified:
                pass
            remaining = deadline - loop.time()
            if remaining <= 0:
                return feed_response(since, None)
            # Costs no thread while waiting; woken by this process's poll or by NOTIFY.
            await watch.wait_beyond(max(since, watch.version), remaining)

    def immutable(sha256: str, request: Request, load) -> Response:
        if not _SHA256.fullmatch(sha256):
            raise HTTPException(404, "not found")
        etag = f'"{sha256}"'
        if request.headers.get("if-none-match", "").strip() == etag:
            return Response(status_code=304, headers={"ETag": etag, "Cache-Control": IMMUTABLE})
        with db.read() as session:
            found = load(session)
        if found is None:
            raise HTTPException(404, "not found")
        return found

    @app.api_route("/v1/items/{sha256}", methods=["GET", "HEAD"], summary="An item document, by its sha256")
    def item(request: Request, sha256: str = _SHA256_PATH, _etag: str | None = _IF_NONE_MATCH) -> Response:
        def load(session):
            data = session.scalar(
                select(Document.data).where(Document.sha256 == sha256, Document.served_since.is_not(None))
            )
            if data is None:
                return None
            return Response(
                bytes(data), media_type="application/json", headers={"ETag": f'"{sha256}"', "Cache-Control": IMMUTABLE}
            )

        return immutable(sha256, request, load)

    @app.api_route(
        "/v1/assets/{sha256}",
        methods=["GET", "HEAD"],
        summary="Attachment bytes, by their sha256",
        responses={206: {"description": "the requested byte range"}, 416: {"description": "bad range"}},
    )
    def asset(
        request: Request,
        sha256: str = _SHA256_PATH,
        _etag: str | None = _IF_NONE_MATCH,
        _range: str | None = Header(None, alias="Range"),
        _if_range: str | None = Header(None, alias="If-Range"),
    ) -> Response:
        def load(session):
            row = session.execute(
                select(Asset.media_type, Asset.data).where(Asset.sha256 == sha256, Asset.served_since.is_not(None))
            ).first()
            if row is None:
                return None
            return ranged(bytes(row.data), row.media_type, sha256, request)

        return immutable(sha256, request, load)

    @app.post(
        "/v1/heartbeat",
        status_code=204,
        summary="A kiosk's status report",
        openapi_extra=fields.request_body(fields.Heartbeat, required=False),
        responses={422: {"description": "a field of the wrong type or out of range"}},
    )
    async def heartbeat(request: Request, device_id: int = Depends(device)) -> Response:
        raw = await request.body()  # after authentication; bounded by the guards
        try:
            data = fields.load(raw) if raw.strip() else None
            report = fields.Heartbeat() if data is None else fields.validate(fields.Heartbeat, data)
        except fields.NotJSON as exc:
            return refusals.PLAIN(400, str(exc))
        except fields.FieldInvalid as exc:
            return refusals.PLAIN(422, str(exc), exc.field)

        def record() -> None:
            with db.plain() as session:
                devices.heartbeat(session, device_id, report.model_dump(), store.clock.now())

        await notify.in_thread(record)
        return Response(status_code=204)

    from kiosk.store import trust_router  # protocol v2, served beside v1 until every kiosk is re-enrolled

    app.include_router(trust_router.router(store, watch))

    from kiosk.store import console  # the office's web console, under /admin/

    console.mount(app, store, policy, behind_tls_proxy)

    guard = flood_guard or FloodGuard()

    @app.post(
        "/v1/feedback",
        summary="A visitor's feedback from a kiosk (idempotent on its id)",
        openapi_extra=fields.request_body(fields.FeedbackUpload),
        responses=refusals.responses("the id was used for other content", limits.feedback_bytes),
    )
    async def post_feedback(request: Request, device_id: int = Depends(device)) -> JSONResponse:
        refuse = refusals.FEEDBACK
        if flooded := refuse.flooded(guard.wait(device_id)):
            return flooded
        raw = await request.body()  # after authentication; bounded by the guards
        try:
            data = fields.load(raw)
            fields.validate(fields.FeedbackUpload, data)  # types and ranges the databases hold
            record = fb.from_wire(data)  # then the opinion box's own rules
        except fields.NotJSON as exc:
            return refuse(400, str(exc))
        except (fields.FieldInvalid, fb.FeedbackInvalid) as exc:
            return refuse(422, str(exc), exc.field)
        try:
            result = await notify.in_thread(lambda: store.receive_feedback(device_id, record))
        except Conflict as exc:
            return refuse(409, str(exc), "id")
        return JSONResponse(result, status_code=200, headers={"Cache-Control": "no-store"})

    from kiosk.store import feedback_status, usage_router

    app.include_router(usage_router.router(store, device, guard.wait, limits.usage_bytes))
    app.include_router(feedback_status.router(store, device, limits.feedback_status_days, limits.feedback_status_count))
    return app
