"""Privacy of what leaves the kiosk: the text, name and telephone of submitted feedback, and
a search term fewer visits typed than the threshold, appear in nothing the kiosk uploads
about its use and nowhere in the store's record of it; the rare term is in no upload at
all, nowhere in the store's database files, and gone from the kiosk's own files once its
hour is sealed.

The kiosk runs its real sync service against a real store on loopback: it uploads the
feedback, the hours of use and play time that are over, and its heartbeats; every request
body it sends is recorded on its own HTTP session.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from feedback_support import files_holding, make_store, serving
from sqlalchemy import select

from kiosk import feedback as fb
from kiosk import playlog, usage
from kiosk.outbox import Outbox
from kiosk.store.models import PlaySeconds, UsageCell, UsageUpload
from kiosk.sync.jobs import SyncService
from kiosk.usage_outbox import UsageOutbox

pytestmark = pytest.mark.e2e

TEXT = "叫号系统经常故障希望尽快修理"
NAME = "王小明"
PHONE = "13912345678"
RARE = "李四 幸福路8号"  # typed by one visit only
COMMON = "社保卡补办"  # typed by five visits: may leave


class Clock:
    def __init__(self, now: datetime) -> None:
        self.at = now

    def now(self) -> datetime:
        return self.at


def test_nothing_that_identifies_a_visitor_leaves_in_the_use_record(qtbot, tmp_path):
    store = make_store(tmp_path)
    with serving(store) as base:
        config = store.config()
        state = config.state_dir
        earlier = datetime.now(UTC) - timedelta(hours=3)
        counts = usage.Usage(state)
        for visit in range(5):
            counts.new_visit()
            counts.count("search-not-found", COMMON, earlier)
            counts.count("item-opened", store.item_id, earlier)
            if visit == 0:
                counts.count("search-not-found", RARE, earlier)
                counts.count("search-found", f"{NAME} {PHONE}", earlier)  # the visitor typed their own
        counts.close()
        wall = playlog.PlayLog(state, Clock(earlier))
        wall.show("slide", item=store.item_id, revision=1, page=1)
        wall.clock = Clock(earlier + timedelta(hours=2))
        wall.show("blank")
        outbox = Outbox(config.outbox_file)
        record = fb.new("opinion", text=TEXT, consent=True, name=NAME, phone=PHONE, now=datetime.now(UTC))
        outbox.submit(record, datetime.now(UTC))
        service = SyncService(config, upload_interval=3600)
        sent: list[tuple[str, bytes]] = []
        service._client.session.hooks["response"].append(
            lambda response, *args, **kwargs: sent.append((response.request.path_url, response.request.body or b""))
        )
        service.start()
        waiting = UsageOutbox(state)
        try:
            qtbot.waitUntil(lambda: outbox.counts()["pending"] == 0, timeout=30_000)
            qtbot.waitUntil(lambda: waiting.counts()["sent"] >= 2 and not waiting.counts()["pending"], timeout=30_000)
        finally:
            service.stop()
            waiting.close()
            outbox.close()
    assert base  # served until here
    use_uploads = [body for path, body in sent if path == "/v1/usage"]
    assert len(use_uploads) >= 2 and COMMON.encode() in b"".join(use_uploads)  # the uploads were seen
    everything = b"".join(body for _, body in sent)
    assert TEXT.encode() in everything  # the feedback itself was uploaded, on its own endpoint
    for needle in (TEXT, NAME, PHONE, RARE):
        assert not [path for path, body in sent if path != "/v1/feedback" and needle.encode() in body], needle
    assert RARE.encode() not in everything
    # The store's record of use holds none of it; the rare term is nowhere in its files.
    api = store.api()
    try:
        with api.db.read() as session:
            rows = [
                repr(tuple(row))
                for table in (UsageUpload, UsageCell, PlaySeconds)
                for row in session.execute(select(*table.__table__.columns)).all()
            ]
    finally:
        api.db.close()
    assert any(COMMON in row for row in rows)
    for needle in (TEXT, NAME, PHONE, RARE):
        assert not [row for row in rows if needle in row], needle
    assert files_holding(store.cmd.data, RARE) == []
    assert files_holding(state, RARE, NAME, PHONE) == []  # sealed, and the feedback deleted once acknowledged
