"""How the store refuses a kiosk's upload: one JSON shape for feedback and usage alike.

``{"detail": ..., "field": ..., "code": ...}``: ``detail`` is one line for the log,
``field`` names the field that broke a rule, and ``code`` (one per status, from the
upload's wire module) tells the kiosk whether to set the record aside for good or to try
again — a kiosk keeps anything without a code it knows, since a proxy's page has none.
The flood guard's 429 comes with ``Retry-After`` in whole seconds.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from fastapi.responses import JSONResponse

from kiosk import feedback as fb
from kiosk import usage_wire


@dataclass(frozen=True, slots=True)
class Refusals:
    """The refusals of one upload endpoint: its codes by status."""

    codes: Mapping[int, str]

    def __call__(
        self, status: int, detail: str, field: str | None = None, headers: Mapping[str, str] | None = None
    ) -> JSONResponse:
        body = {"detail": detail} if field is None else {"detail": detail, "field": field}
        if status in self.codes:
            body["code"] = self.codes[status]
        return JSONResponse(body, status_code=status, headers=headers)

    def flooded(self, wait: float) -> JSONResponse | None:
        """The flood guard's answer when this device must ``wait`` seconds more; else None."""
        if wait <= 0:
            return None
        retry_after = str(max(1, math.ceil(wait)))
        return self(429, "too many uploads from this kiosk; try again later", headers={"Retry-After": retry_after})


def responses(conflict: str, limit: int) -> dict[int | str, dict[str, str]]:
    """The refusals an upload route documents in the OpenAPI document: ``conflict`` says
    what a 409 means there, ``limit`` is its body limit in bytes."""
    return {
        409: {"description": conflict},
        413: {"description": f"body larger than {limit} bytes"},
        422: {"description": "a rule is broken: `detail` says which, `field` names it"},
        429: {"description": "too many uploads from this device; see Retry-After"},
    }


#: Refusals with no code: nothing on the kiosk's side depends on them (the heartbeat).
PLAIN = Refusals({})
FEEDBACK = Refusals(
    {400: fb.REFUSAL_NOT_JSON, 409: fb.REFUSAL_CONFLICT, 413: fb.REFUSAL_TOO_LARGE, 422: fb.REFUSAL_INVALID}
)
USAGE = Refusals(
    {
        400: usage_wire.REFUSAL_NOT_JSON,
        409: usage_wire.REFUSAL_CONFLICT,
        413: usage_wire.REFUSAL_TOO_LARGE,
        422: usage_wire.REFUSAL_INVALID,
    }
)
#: The code a body over the limit is refused with, by path (the body guard answers those).
TOO_LARGE = {"/v1/feedback": FEEDBACK.codes[413], "/v1/usage": USAGE.codes[413]}
