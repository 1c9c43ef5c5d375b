"""The types and ranges of a usage upload (:mod:`kiosk.usage_wire`), as both databases hold them.

Checked before anything is stored, each refusal a 422 naming its field: the hour is an
hour's start; counts are whole numbers of at least the batch's threshold, or that
threshold said as ``"< N"``; a metric is one the kiosk counts; play seconds are within the
hour and sum to no more than it (an hour's later parts, each the same, are added up).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, model_validator

from kiosk import usage, usage_wire
from kiosk.store.fields import Instant, Revision, Text

#: The kiosk's own bounds on its threshold (kiosk.config.UsageConfig).
THRESHOLDS = (2, 100)
_ITEM = Annotated[str, Field(pattern=r"^[A-Za-z0-9._-]{1,80}$")]
_BELOW = r"^< ([1-9][0-9]{0,2})$"
Seconds = Annotated[StrictFloat | StrictInt, Field(ge=0, le=3600, allow_inf_nan=False)]


class Cell(BaseModel):
    model_config = ConfigDict(extra="forbid")
    metric: Literal[usage.METRICS]  # type: ignore[valid-type]
    key: Annotated[Text, Field(max_length=80)] | None
    count: Annotated[StrictInt, Field(ge=1, le=2**31 - 1)] | Annotated[str, Field(pattern=_BELOW)]


class Span(BaseModel):
    model_config = ConfigDict(extra="forbid")
    what: Literal["slide", "blank", "off-hours"]
    item: _ITEM | None
    revision: Revision | None
    seconds: Seconds

    @model_validator(mode="after")
    def _names_its_item(self) -> Span:
        if (self.what == "slide") != (self.item is not None and self.revision is not None):
            raise ValueError("a slide names its item and revision; blank and off-hours name none")
        return self


class _Batch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: Annotated[str, Field(max_length=64)]
    hour: Instant

    @model_validator(mode="after")
    def _is_an_hour(self) -> _Batch:
        start = datetime.fromisoformat(self.hour)
        if (start.minute, start.second, start.microsecond) != (0, 0, 0) or start.utcoffset() != timedelta(0):
            raise ValueError("hour: must be the start of an hour in UTC")
        if self.id != usage_wire.batch_id(self.kind, self.hour, self.number):  # type: ignore[attr-defined]
            raise ValueError("id: must be KIND/HOUR, or play/HOUR/PART for a later part")
        return self

    @property
    def number(self) -> int:
        """Which part of its hour this batch is (use batches have one)."""
        return 1


class UseBatch(_Batch):
    kind: Literal["use"]
    threshold: Annotated[StrictInt, Field(ge=THRESHOLDS[0], le=THRESHOLDS[1])]
    cells: Annotated[list[Cell], Field(max_length=usage_wire.MAX_CELLS)]

    @model_validator(mode="after")
    def _counts_fit_the_threshold(self) -> UseBatch:
        for cell in self.cells:
            if isinstance(cell.count, int) and cell.count < self.threshold:
                raise ValueError("cells: a count under the threshold must be sent as '< N'")
            if isinstance(cell.count, str) and cell.count != f"< {self.threshold}":
                raise ValueError("cells: a suppressed count must name the batch's threshold")
            if cell.key is None and cell.metric not in usage.SEARCHES:
                raise ValueError("cells: only searches have a row without a key")
        return self


class PlayBatch(_Batch):
    kind: Literal["play"]
    spans: Annotated[list[Span], Field(max_length=usage_wire.MAX_SPANS)]
    #: Sent only from 2 on (usage_wire.batch_id): the first part is the plain batch.
    part: Annotated[StrictInt, Field(ge=2, le=usage_wire.MAX_PARTS)] | None = None

    @property
    def number(self) -> int:
        return self.part or 1

    @model_validator(mode="after")
    def _fits_the_hour(self) -> PlayBatch:
        if sum(s.seconds for s in self.spans) > 3600.5:  # rounding of each row aside
            raise ValueError("spans: more seconds than the hour has")
        return self


def batch(data: object) -> UseBatch | PlayBatch:
    """``data`` (parsed JSON) as a validated batch; raises :class:`fields.FieldInvalid`."""
    from kiosk.store import fields

    kind = data.get("kind") if isinstance(data, dict) else None
    if kind not in usage_wire.KINDS:
        raise fields.FieldInvalid("kind", f"kind: must be one of {', '.join(usage_wire.KINDS)}")
    return fields.validate(UseBatch if kind == "use" else PlayBatch, data)
