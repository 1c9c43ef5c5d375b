"""Protocol v2's HTTP endpoints: TUF metadata, item documents and packs, and the wake-up hint.

* ``GET /v2/metadata/timestamp.json`` — the short-lived signed timestamp (re-signed when
  due), with an ``ETag`` (304 on ``If-None-Match``) and the newest root's version;
  ``GET /v2/metadata/N.ROLE.json`` — root, snapshot, targets and bins by version
  (immutable). A version that does not exist is a bare 404 (the kiosk's root probe).
* ``GET /v2/targets/SHA256`` — an item document or a withdrawal statement, by the sha256
  a bin lists; ``GET /v2/packs/N.json`` — which packs hold the documents of snapshot N
  (a hint: nothing in it is trusted), ``GET /v2/packs/SHA256`` — one pack.
* ``GET /v2/wait?since=V&wait=S`` — answers ``{"version": V'}`` as soon as the feed
  version passes V, or 304 after S seconds. A wake-up hint only: a kiosk then runs the
  verified TUF workflow, so nothing in this answer is trusted.

Every file here can also be written out as static files (``kiosk-store export-feed``):
no token is needed, as for v1's item documents — they are what public screens show.
A store restored from a backup answers 503 until an administrator confirms.
"""

from __future__ import annotations

import asyncio
import logging
import re

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import select

from kiosk.store import packs, trust_repo, trust_versions
from kiosk.store.models import Document
from kiosk.store.notify import VersionWatch, in_thread
from kiosk.store.service import Store
from kiosk.trust import conditional

log = logging.getLogger("kiosk.store")

IMMUTABLE = "public, max-age=31536000, immutable"
MAX_WAIT = 60.0
_VERSIONED = re.compile(r"([1-9][0-9]{0,17})\.(root|snapshot|targets|bin-[0-9a-f]{2})\.json")
_SHA256 = re.compile(r"[0-9a-f]{64}")


def _missing() -> Response:
    # Short on purpose: every poll probes for the next root and gets this answer.
    return Response(status_code=404)


def router(store: Store, watch: VersionWatch) -> APIRouter:
    api = APIRouter(prefix="/v2", tags=["protocol v2"])
    db = store.db

    def refused(exc: trust_versions.TrustError) -> Response:
        if isinstance(exc, trust_versions.Restored):
            log.error("%s", exc)
            return JSONResponse({"detail": str(exc)}, status_code=503, headers={"Retry-After": "300"})
        return JSONResponse({"detail": str(exc)}, status_code=404)

    def timestamp(if_none_match: str | None) -> Response:
        try:
            store.refresh()
            store.build_trust()
        except trust_versions.TrustError as exc:
            return refused(exc)
        with db.read() as session:
            data = trust_repo.metadata(session, "timestamp", None)
            root = trust_versions.latest(session, "root")
        if data is None or root is None:
            return _missing()
        # A poll with nothing new: one request and a 304 of a few headers (see kiosk.trust.conditional).
        headers = {
            "Cache-Control": "no-cache",
            "ETag": conditional.etag(data),
            conditional.ROOT_HEADER: str(root.version),
        }
        if if_none_match is not None and headers["ETag"] in (t.strip() for t in if_none_match.split(",")):
            return Response(status_code=304, headers=headers)
        return Response(data, media_type="application/json", headers=headers)

    @api.get("/metadata/{name}", summary="TUF metadata: timestamp.json, or N.ROLE.json")
    def metadata(name: str, request: Request) -> Response:
        if name == "timestamp.json":
            return timestamp(request.headers.get("If-None-Match"))
        match = _VERSIONED.fullmatch(name)
        if match is None:
            return _missing()
        # Built already: only a timestamp names versions, and it is served after the build.
        with db.read() as session:
            data = trust_repo.metadata(session, match.group(2), int(match.group(1)))
        if data is None:
            return _missing()
        return Response(data, media_type="application/json", headers={"Cache-Control": IMMUTABLE})

    @api.get("/targets/{sha256}", summary="An item document or a withdrawal, by its sha256")
    def target(sha256: str) -> Response:
        if not _SHA256.fullmatch(sha256):
            return _missing()
        with db.read() as session:
            data = session.scalar(
                select(Document.data).where(Document.sha256 == sha256, Document.served_since.is_not(None))
            )
        if data is None:
            return _missing()
        return Response(bytes(data), media_type="application/json", headers={"Cache-Control": IMMUTABLE})

    @api.get("/packs/{name}", summary="Packs of item documents for a first sync (N.json lists them)")
    def pack(name: str) -> Response:
        try:
            store.build_trust()
        except trust_versions.TrustError as exc:
            return refused(exc)
        found = packs.serve(store, name)
        if found is None:
            return _missing()
        return Response(
            found,
            media_type="application/octet-stream" if _SHA256.fullmatch(name) else "application/json",
            headers={"Cache-Control": IMMUTABLE},
        )

    @api.get("/wait", summary="Wake-up hint: returns when the feed passes a version (untrusted)")
    async def wait(since: int = Query(ge=0, le=2**62), wait: float = Query(0, ge=0)) -> Response:
        deadline = asyncio.get_running_loop().time() + min(wait, MAX_WAIT)
        while True:
            version = await in_thread(store.refresh)
            watch.update(version)
            if version != since:
                return JSONResponse({"version": version}, headers={"Cache-Control": "no-cache"})
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                return Response(status_code=304, headers={"Cache-Control": "no-cache"})
            await watch.wait_beyond(since, remaining)

    return api
