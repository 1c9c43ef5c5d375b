"""The kiosk's copy of where its feedback stands: a good answer is kept (and read back), a
304 keeps the copy, and a broken or hostile answer is one log line and changes nothing."""

from __future__ import annotations

import json
import logging

import pytest

from kiosk.sync import feedback_status as fs
from kiosk.sync.errors import SyncError

GOOD = [{"reference": "ABC-DEF", "status": "answered"}, {"reference": "XYZ-234", "status": "handling"}]


class Client:
    """Answers with ``body`` (or None: a 304, or an exception to raise) and notes the ETag asked."""

    def __init__(self, answer) -> None:
        self.answer = answer
        self.asked: list[str | None] = []

    def feedback_status(self, etag, limit):
        self.asked.append(etag)
        if isinstance(self.answer, Exception):
            raise self.answer
        return None if self.answer is None else (self.answer, '"e1"')


def test_a_good_answer_is_kept_and_a_304_keeps_it(tmp_path):
    assert fs.read(tmp_path) == {}
    assert fs.refresh(Client(json.dumps(GOOD).encode()), tmp_path)
    assert fs.read(tmp_path) == {"ABC-DEF": "answered", "XYZ-234": "handling"}
    unchanged = Client(None)
    assert not fs.refresh(unchanged, tmp_path)
    assert unchanged.asked == ['"e1"'] and fs.read(tmp_path)["ABC-DEF"] == "answered"
    assert not list(tmp_path.glob("*.tmp"))


HOSTILE = {
    "not JSON": b"<html>proxy error</html>",
    "not UTF-8": b"\xff\xfe[]",
    "an object": b'{"ABC-DEF": "answered"}',
    "a wrong status": json.dumps([{"reference": "ABC-DEF", "status": "已答复"}]).encode(),
    "a number status": json.dumps([{"reference": "ABC-DEF", "status": 1}]).encode(),
    "a bad reference": json.dumps([{"reference": "../../etc", "status": "answered"}]).encode(),
    "an extra field": json.dumps([{"reference": "ABC-DEF", "status": "answered", "text": "王五"}]).encode(),
    "huge": b"[" + b'{"reference":"ABC-DEF","status":"answered"},' * 10_000 + b"{}]",
    "too many": json.dumps([{"reference": "ABC-DEF", "status": "received"}] * (fs.MAX_ENTRIES + 1)).encode(),
    "deep": b"[" * 100_000 + b"]" * 100_000,
}


@pytest.mark.parametrize("body", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_broken_answer_is_one_log_line_and_changes_nothing(tmp_path, caplog, body):
    fs.refresh(Client(json.dumps(GOOD).encode()), tmp_path)
    before = (tmp_path / fs.FILE_NAME).read_bytes()
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        assert not fs.refresh(Client(body), tmp_path)
    assert (tmp_path / fs.FILE_NAME).read_bytes() == before
    assert len(caplog.records) == 1 and "\n" not in caplog.records[0].getMessage()
    assert caplog.records[0].exc_info is None


def test_an_unreachable_store_is_one_log_line(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        assert not fs.refresh(Client(SyncError("failed", "network", "cannot reach the store")), tmp_path)
    assert len(caplog.records) == 1 and fs.read(tmp_path) == {}


def test_a_damaged_file_reads_as_nothing(tmp_path):
    (tmp_path / fs.FILE_NAME).write_bytes(b'{"etag": "x", "statuses": {"ABC-DEF": "gone"}}')
    assert fs.read(tmp_path) == {}
    (tmp_path / fs.FILE_NAME).write_bytes(b"\x00garbage")
    assert fs.read(tmp_path) == {}
