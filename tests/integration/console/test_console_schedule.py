"""Publishing later from the console: the page prepares a publication dated at the chosen
office time, the publisher's key signs it now, the store holds it (shown on the item's page,
cancellable) and releases it at that instant on the store's clock; a real kiosk then
verifies and shows it, dated then. The store runs in this process on the test's clock."""

from __future__ import annotations

import base64
import re
from datetime import timedelta
from zoneinfo import ZoneInfo

from console_support import csrf_of, http_sign_in
from store_support import item_file
from support import NOW
from v2_support import Kiosk, RunningStore, make_store

from kiosk import signing
from kiosk.clock import FakeClock
from kiosk.store import accounts, keys, staff

SECRET = "dan-password-1"
OFFICE = ZoneInfo("Asia/Shanghai")


def _field(html: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


def _schedule(http, base: str, store, item_id: str, local: str):
    page = http.get(f"{base}/admin/publish/{item_id}", params={"at": local})
    assert page.status_code == 200, page.text
    statement = _field(page.text, "statement")
    key = signing.load_private(keys.approver_key_path(store.keys_dir, "dan"))
    return http.post(
        f"{base}/admin/publish/{item_id}/publish",
        data={
            "csrf_token": csrf_of(page.text),
            "revision": _field(page.text, "revision"),
            "signed_at": _field(page.text, "signed_at"),
            "release_at": _field(page.text, "release_at"),
            "statement": statement,
            "signature": signing.sign(key, base64.b64decode(statement)),
        },
        allow_redirects=False,
    )


def test_a_publication_scheduled_in_the_console_reaches_a_kiosk_at_its_time(tmp_path):
    clock = FakeClock(NOW)
    store = make_store(tmp_path, clock)
    with store.db.write() as session:
        staff.user(session, "dan").password_hash = accounts.hash_password(SECRET)
    item_id = store.add_item(item_file(tmp_path, "later", "下周一起施行的规定", id="later"), "alice")
    store.submit(item_id, "alice")
    store.approve(item_id, "bob")
    at = (clock.now() + timedelta(hours=2)).astimezone(OFFICE).replace(second=0, microsecond=0)
    local = at.strftime("%Y-%m-%dT%H:%M")
    with RunningStore(store) as running:
        kiosk = Kiosk(tmp_path / "kiosk", running.url, store, clock, enroll="lobby-1")
        try:
            http, _ = http_sign_in(running.url, "dan", SECRET)
            past = http.get(f"{running.url}/admin/publish/{item_id}", params={"at": "2020-01-01T08:00"})
            assert past.status_code == 400 and "已经过去" in past.text
            assert _schedule(http, running.url, store, item_id, local).status_code == 303
            page = http.get(f"{running.url}/admin/items/{item_id}").text
            assert 'id="item-scheduled"' in page and at.strftime("%H:%M") in page
            kiosk.sync()
            assert kiosk.items() == {}  # held by the store until then

            publish_page = http.get(f"{running.url}/admin/publish/{item_id}").text
            cancelled = http.post(
                f"{running.url}/admin/publish/{item_id}/cancel",
                data={"csrf_token": csrf_of(publish_page)},
                allow_redirects=False,
            )
            assert cancelled.status_code == 303
            assert 'id="item-scheduled"' not in http.get(f"{running.url}/admin/items/{item_id}").text
            assert _schedule(http, running.url, store, item_id, local).status_code == 303  # again

            clock.advance(timedelta(hours=2))
            store.refresh()
            kiosk.sync()
            assert kiosk.items() == {item_id: 1}
            assert kiosk.item(item_id).published_at == at
        finally:
            kiosk.close()
            store.db.close()
