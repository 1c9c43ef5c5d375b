"""The store fuzzed from its own OpenAPI document: no request schemathesis makes, valid for
the schema or not, with a device token or without, on SQLite or on PostgreSQL, gets a 5xx
or reaches the catch-all (the store's log stays free of it). The web console's routes are in
the document: with credentials the fuzzer is signed in as an admin and its forms carry the
CSRF token, so the pages' own handlers meet the hostile values; without, the sign-in redirect
and the CSRF refusal do.

The document declares the real bounds (integer ranges, patterns, lengths, date-times), so
the generated values sit on and beyond the edges the databases hold. Each run is bounded
by a number of examples; ``KIOSK_FUZZ_EXAMPLES=2000`` (and ``KIOSK_FUZZ_CONSOLE_EXAMPLES``) runs
longer on demand.
"""

from __future__ import annotations

import os
import re

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from store_guard_support import ASSET_SHA, make_store, serve
from store_support import (
    TEST_PASSWORD,
    database_url,  # noqa: F401 (fixture)
)

pytestmark = pytest.mark.e2e

#: Examples per operation of the protocol.
EXAMPLES = int(os.environ.get("KIOSK_FUZZ_EXAMPLES", "10"))
#: Examples per console operation: its forms share one set of field types (and sign-in
#: hashes a password per example), so fewer find the same; signed out, each is refused alike.
CONSOLE_EXAMPLES = int(os.environ.get("KIOSK_FUZZ_CONSOLE_EXAMPLES", "8"))
CONSOLE_EXAMPLES_SIGNED_OUT = 3
#: A long-poll the fuzzer asks for is held this long at most (it would hold a minute).
HELD = 0.01


@pytest.fixture
def fuzzed(tmp_path, database_url):
    store = make_store(tmp_path, database_url)
    with serve(store.cmd, tmp_path / "serve.log", "--feedback-burst", "1000000") as served:
        yield store, served
    served.assert_nothing_unforeseen()


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("token", [True, False], ids=["token", "no-token"])
def test_no_fuzzed_request_gets_a_server_error(fuzzed, token, mode):
    store, served = fuzzed
    schema = schemathesis.openapi.from_url(f"{served.base}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    names = {f"{op.method.upper()} {op.path}" for op in operations}
    assert {"POST /v1/feedback", "POST /v1/heartbeat", "GET /v1/assets/{sha256}", "GET /v1/feed/delta"} <= names
    # The web console's routes are in the document too, and fuzzed like the protocol's.
    assert {"POST /admin/signin", "POST /admin/accounts", "GET /admin/feedback", "GET /admin/audit"} <= names
    if mode is GenerationMode.NEGATIVE:  # an operation that takes nothing has nothing to get wrong
        operations = [op for op in operations if op.query or op.path_parameters or op.headers or op.body]
        names = {f"{op.method.upper()} {op.path}" for op in operations}
    headers = {"Authorization": f"Bearer {store.token}"} if token else {}
    answers: dict[str, set[int]] = {}

    with requests.Session() as http:
        csrf = None
        if token:  # with credentials: signed in to the console as an admin, forms carry the CSRF token
            page = http.get(f"{served.base}/admin/signin")
            answer = http.post(
                f"{served.base}/admin/signin",
                data={"name": "dan", "password": TEST_PASSWORD, "csrf_token": csrf_of(page.text)},
            )
            csrf = csrf_of(answer.text)
        runs = [(op, {}) for op in operations]
        if mode is GenerationMode.POSITIVE:
            # The asset route once more with a real asset: Range and If-Range are read only then
            # (headers are any text, so only positive cases exist for them).
            asset = next(op for op in operations if op.method.upper() == "GET" and op.path == "/v1/assets/{sha256}")
            runs.append((asset, {"path_parameters": {"sha256": ASSET_SHA}}))
        for operation, fixed in runs:
            examples = EXAMPLES
            if operation.path.startswith("/admin/"):
                examples = CONSOLE_EXAMPLES if token else CONSOLE_EXAMPLES_SIGNED_OUT

            @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(generation_mode=mode, **fixed))
            def fuzz(case) -> None:
                if csrf is not None and case.path.startswith("/admin/") and isinstance(case.body, dict):
                    case.body["csrf_token"] = csrf
                if (
                    csrf is not None
                    and case.method == "POST"
                    and case.path.startswith("/admin/")
                    and not isinstance(case.body, dict)
                ):
                    # A form of no fields but the token (disable, enable, reveal contact details);
                    # sign-out stays refused, so the fuzzer's session lives on.
                    if case.path != "/admin/signout":
                        answer = http.post(served.base + case.formatted_path, data={"csrf_token": csrf}, timeout=60)
                        assert answer.status_code < 500, (case.formatted_path, answer.status_code, answer.text[:300])
                        answers.setdefault(f"{case.method} {case.path}", set()).add(answer.status_code)
                        return
                wait = (case.query or {}).get("wait")
                if isinstance(wait, (int, float)) and not isinstance(wait, bool) and wait > HELD:
                    case.query["wait"] = HELD
                response = case.call(base_url=served.base, session=http, headers=headers, timeout=60)
                assert response.status_code < 500, (
                    case.method,
                    case.formatted_path,
                    case.query,
                    case.headers,
                    repr(case.body)[:300],
                    response.status_code,
                    response.text[:300],
                )
                answers.setdefault(f"{case.method} {case.path}", set()).add(response.status_code)

            try:
                fuzz()
            except Unsatisfiable:
                # Only strings without constraints (a name in a path): nothing breaks their schema.
                assert mode is GenerationMode.NEGATIVE, operation.path
                names.discard(f"{operation.method.upper()} {operation.path}")
    assert set(answers) == names, answers  # every operation was fuzzed
    print(f"{mode} {'with' if token else 'without'} a token: {answers}")
