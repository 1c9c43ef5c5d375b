"""A heartbeat's ``last_error`` is bounded and cleaned so that the store takes it: a kiosk
whose error quotes a hostile store's long or binary answer must still show in the fleet."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from kiosk.store.fields import Heartbeat
from kiosk.sync.heartbeat import HEARTBEAT_ERROR_CHARS, reportable_error


@pytest.mark.parametrize(
    "error",
    ["x" * 50_000, "bad answer: \0\0 from the store", "half a pair \ud800 here", "错" * 10_001],
    ids=["long", "nul", "surrogate", "long-chinese"],
)
def test_the_store_accepts_any_error_the_kiosk_reports(error):
    with pytest.raises(ValidationError):
        Heartbeat.model_validate({"last_error": error})  # as the kiosk held it: refused
    reported = reportable_error(error)
    assert Heartbeat.model_validate({"last_error": reported}).last_error == reported
    assert len(reported) <= HEARTBEAT_ERROR_CHARS


def test_a_short_clean_error_is_sent_as_it_is():
    assert reportable_error("sync failed (timeout): the store did not answer") == (
        "sync failed (timeout): the store did not answer"
    )
    assert reportable_error("") is None and reportable_error(None) is None
