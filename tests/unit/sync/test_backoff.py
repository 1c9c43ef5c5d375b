"""Back-off after failed syncs: exponential ceiling, full jitter, Retry-After honoured."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kiosk.sync.answers import parse_retry_after
from kiosk.sync.backoff import MAX_RETRY_AFTER, Backoff


class Fixed:
    """An injected random source returning the values given, in turn."""

    def __init__(self, *values: float) -> None:
        self.values = list(values)

    def __call__(self) -> float:
        return self.values.pop(0)


def test_the_ceiling_doubles_until_the_cap():
    backoff = Backoff(base=1.0, cap=60.0, rand=Fixed(*[1.0] * 10))
    delays = [backoff.failed() for _ in range(8)]
    assert delays == [1, 2, 4, 8, 16, 32, 60, 60]


def test_full_jitter_draws_from_zero_to_the_ceiling():
    backoff = Backoff(base=2.0, cap=1000.0, rand=Fixed(0.0, 0.5, 0.25, 0.999))
    assert backoff.failed() == 0.0  # ceiling 2
    assert backoff.failed() == 2.0  # half of 4
    assert backoff.failed() == 2.0  # a quarter of 8
    assert backoff.failed() == pytest.approx(15.984)  # just under 16


def test_success_starts_over():
    backoff = Backoff(base=1.0, cap=100.0, rand=Fixed(1.0, 1.0, 1.0))
    backoff.failed()
    backoff.failed()
    backoff.succeeded()
    assert backoff.failures == 0
    assert backoff.failed() == 1.0


def test_retry_after_is_a_floor():
    backoff = Backoff(base=1.0, cap=100.0, rand=Fixed(0.5, 1.0))
    assert backoff.failed(retry_after=30) == 30  # jitter gave 0.5; the store asked for 30
    assert backoff.failed(retry_after=0.5) == 2.0  # jitter gave more than asked: keep it


def test_retry_after_cannot_silence_a_kiosk_for_days():
    backoff = Backoff(rand=Fixed(0.0))
    assert backoff.failed(retry_after=10 * 86400) == MAX_RETRY_AFTER


def test_months_of_failures_do_not_overflow():
    backoff = Backoff(base=1.0, cap=300.0, rand=Fixed(*[1.0] * 5000))
    for _ in range(5000):
        delay = backoff.failed()
    assert delay == 300.0


def test_retry_after_header_forms():
    now = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after(" 7 ") == 7.0
    assert parse_retry_after("Thu, 26 Nov 2026 06:01:30 GMT", now=now) == 90.0
    assert parse_retry_after("Thu, 26 Nov 2026 05:00:00 GMT", now=now) == 0.0  # in the past
    assert parse_retry_after("soon") is None
    assert parse_retry_after("") is None
    assert parse_retry_after(None) is None
