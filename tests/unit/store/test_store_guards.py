"""The store's guards at the ASGI level: the catch-all answers a logged 500 with an id and
never a traceback, and the declared limits are checked when the store is configured.
(The guards' other duties are tested against a real serving process in tests/integration.)"""

from __future__ import annotations

import asyncio
import json
import logging

import pytest
from store_support import StoreCommand

from kiosk.store.guards import CATCH_ALL_MESSAGE, Guards
from kiosk.store.limits import ServeLimits


async def _failing_app(scope, receive, send) -> None:
    raise RuntimeError("secret detail of an unforeseen failure")


def _call(app, method: str = "GET", path: str = "/v1/health") -> list[dict]:
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "headers": []}
    asyncio.run(app(scope, receive, send))
    return sent


def test_anything_unforeseen_is_a_logged_500_with_an_id_and_no_traceback(caplog):
    guards = Guards(_failing_app, limits=ServeLimits())
    with caplog.at_level(logging.ERROR, logger="kiosk.store"):
        sent = _call(guards)
    start, body = sent
    assert start["status"] == 500
    answer = json.loads(body["body"])
    assert set(answer) == {"detail", "id"} and "secret" not in body["body"].decode()
    assert "Traceback" not in body["body"].decode() and "RuntimeError" not in body["body"].decode()
    [record] = [r for r in caplog.records if CATCH_ALL_MESSAGE in r.getMessage()]
    assert answer["id"] in record.getMessage() and record.exc_info[0] is RuntimeError
    assert guards.unforeseen == 1 and guards.active == {"requests": 0, "long_polls": 0}


def test_limits_are_checked_once_where_they_are_declared(tmp_path):
    with pytest.raises(ValueError, match="max-requests"):
        ServeLimits(max_requests=0)
    with pytest.raises(ValueError, match="header-timeout"):
        ServeLimits(header_timeout=-1.0)
    cmd = StoreCommand(tmp_path / "data", tmp_path / "keys", None)
    cmd.run("init")
    for option, value in (("--body-timeout", "0"), ("--feedback-burst", "0.5"), ("--poll-interval", "86401")):
        refused = cmd.run("serve", "--port", "0", option, value, check=False)
        assert refused.returncode == 1 and refused.stderr.count("\n") == 1 and option in refused.stderr
