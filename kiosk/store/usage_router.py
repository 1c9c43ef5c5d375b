"""``POST /v1/usage``: a kiosk's hourly batch of anonymous use or play time (kiosk.usage_wire).

200 with ``{"id", "received_at"}`` — the same answer for a replay of the same batch (its
canonical bytes, :func:`kiosk.usage_wire.encode`, so spacing and key order do not matter); 409
for the same id with other content; 413 above the byte limit (``--usage-bytes``); 422 for
a batch breaking a rule (``{"detail", "code", "field"}``, codes of kiosk.usage_wire), an
hour in the future or older than the store keeps; 429 with ``Retry-After`` when one device
floods (the feedback upload's guard). Needs the device token, checked before the body is read.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from kiosk import usage_wire
from kiosk.store import fields, notify, refusals, usage_fields
from kiosk.store.feedback import Conflict
from kiosk.store.refusals import USAGE
from kiosk.store.service import Store

#: The oldest hour accepted: a kiosk off the network for longer has lost nothing worth a
#: report, and a hostile kiosk cannot fill the table with hours of past centuries.
OLDEST = timedelta(days=3 * 366)
#: A kiosk's clock may be ahead of the store's by this much.
AHEAD = timedelta(hours=2)


def router(store: Store, device: Callable[..., int], wait: Callable[[int], float], limit: int) -> APIRouter:
    """The route; ``device`` authenticates, ``wait(device_id)`` is the flood guard."""
    api = APIRouter(prefix="/v1", tags=["anonymous use"])

    @api.post(
        "/usage",
        summary="A kiosk's hourly batch of anonymous use or play time (idempotent per kiosk, kind, hour)",
        openapi_extra=fields.request_body(usage_fields.UseBatch),
        responses=refusals.responses("the batch was received before with other content", limit),
    )
    async def post_usage(request: Request, device_id: int = Depends(device)) -> JSONResponse:
        if flooded := USAGE.flooded(wait(device_id)):
            return flooded
        raw = await request.body()  # after authentication; bounded by the guards
        try:
            data = fields.load(raw)
            batch = usage_fields.batch(data)
        except fields.NotJSON as exc:
            return USAGE(400, str(exc))
        except fields.FieldInvalid as exc:
            return USAGE(422, str(exc), exc.field)
        now = store.clock.now()
        if not now - OLDEST <= datetime.fromisoformat(batch.hour) <= now + AHEAD:
            return USAGE(422, "hour: in the future, or older than the store keeps", "hour")
        try:
            result = await notify.in_thread(lambda: store.receive_usage(device_id, batch, usage_wire.encode(data)))
        except Conflict as exc:
            return USAGE(409, str(exc), "id")
        return JSONResponse(result, status_code=200, headers={"Cache-Control": "no-store"})

    return api
