"""A hostile store or network: every fault is refused by the real ``kiosk sync --once``.

Each case starts from a kiosk holding feed version 1 (two items, one with an image), lets
the store publish version 2 (a changed item, a new item with a new image) and spoils one
part of what it serves. The program must exit non-zero with ONE line on stderr naming
what it refused and why, log that line, and leave the cache exactly as it was.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta

import pytest
from fake_store import flip_byte
from support import Audience, make_item
from sync_support import held, kiosk_config, run_kiosk, with_attachment, write_config

from kiosk import feed, signing
from kiosk.cache import ContentCache
from kiosk.sync import sync_once

pytestmark = pytest.mark.e2e

A, A_ASSETS = with_attachment("a", b"\x89PNG first image")
B = make_item("b")
NEW, NEW_ASSETS = with_attachment("new", b"\x89PNG the new image")
B2 = make_item("b", revision=2, title="修订后的标题")


def _oversized(body: bytes) -> bytes:
    return body + b" " * (feed.MAX_ITEM_BYTES + 1)


def _publish_v2(store, **kwargs) -> None:
    store.publish([A, B2, NEW], assets=NEW_ASSETS, **kwargs)


def _untrusted_approver(store):
    return {"new": store.document(NEW, approver_key=signing.generate())}


def _forged_approval(store):
    # Claims the pinned approver key, signed with another one.
    return {"new": store.document(NEW, approver_key=signing.generate(), signed_key=store.approver_key)}


def _unsigned(store):
    return {"new": store.document(NEW, signature="")}


def _not_json(store):
    return {"new": b"{this is not json"}


def _internal(store):
    # Approved and signed properly by the pinned approver: only its audience is wrong.
    return {"new": store.document(dataclasses.replace(NEW, audience=Audience.INTERNAL))}


def _other_id(store):
    # A genuine document of another item, listed under "new".
    return {"new": store.document(dataclasses.replace(NEW, id="other"))}


def _other_revision(store):
    # A genuine document of b, revision 3, listed as b revision 2.
    return {"b": store.document(dataclasses.replace(B2, revision=3))}


CASES = {
    # name: (set-up on the store after version 1, expected words in the one line)
    "flipped byte in the feed": (lambda s: (_publish_v2(s), s.fault("/v1/feed/", flip_byte)), "sync refused: feed"),
    "flipped byte in an item document": (
        lambda s: (_publish_v2(s), s.fault("/v1/items/", flip_byte)),
        "sync refused: item document",
    ),
    "flipped byte in an asset": (
        lambda s: (_publish_v2(s), s.fault("/v1/assets/", flip_byte)),
        "bytes do not match the signed hash",
    ),
    "feed signed with a wrong key": (
        lambda s: (setattr(s, "feed_signing_key", signing.generate()), _publish_v2(s)),
        "sync refused: feed signature does not verify with the pinned store key",
    ),
    "item without an approver signature": (
        lambda s: _publish_v2(s, documents=_unsigned(s)),
        "sync refused: item new: the approver's signature does not match",
    ),
    "item with a forged approver signature": (
        lambda s: _publish_v2(s, documents=_forged_approval(s)),
        "sync refused: item new: the approver's signature does not match",
    ),
    "item approved by an untrusted key": (
        lambda s: _publish_v2(s, documents=_untrusted_approver(s)),
        "sync refused: item new: approved with a key this kiosk does not trust",
    ),
    "expired feed": (lambda s: _publish_v2(s, lifetime=-timedelta(hours=1)), "sync refused: feed version 2 expired"),
    "truncated item document": (
        lambda s: (_publish_v2(s), s.fault("/v1/items/", mode="truncate")),
        "sync failed: item document",
    ),
    "truncated asset": (lambda s: (_publish_v2(s), s.fault("/v1/assets/", mode="truncate")), "download cut short"),
    "oversized item document (declared)": (
        lambda s: (_publish_v2(s), s.fault("/v1/items/", _oversized)),
        "exceeds the limit of 8388608",
    ),
    "oversized item document (streamed)": (
        lambda s: (_publish_v2(s), s.fault("/v1/items/", _oversized, mode="stream")),
        "exceeds the limit of 8388608 bytes",
    ),
    "malformed JSON feed": (
        lambda s: (_publish_v2(s), s.fault("/v1/feed/", lambda b: b"{not json at all")),
        "sync refused: feed is not a signed envelope",
    ),
    "malformed JSON item document": (lambda s: _publish_v2(s, documents=_not_json(s)), "sync refused: item document"),
    "correctly signed internal item": (
        lambda s: _publish_v2(s, documents=_internal(s)),
        "sync refused: item new: audience internal must never reach a kiosk",
    ),
    "document of another item than its feed entry": (
        lambda s: _publish_v2(s, documents=_other_id(s)),
        "holds other revision 1, but the feed lists it as new revision 1",
    ),
    "document of another revision than its feed entry": (
        lambda s: _publish_v2(s, documents=_other_revision(s)),
        "holds b revision 3, but the feed lists it as b revision 2",
    ),
    "store hangs on the feed": (
        lambda s: (_publish_v2(s), s.fault("/v1/feed/", mode="hang")),
        "sync failed: the store at http://127.0.0.1",
    ),
    "store hangs on an item": (
        lambda s: (_publish_v2(s), s.fault("/v1/items/", mode="hang")),
        "did not answer item document",
    ),
}


@pytest.fixture
def kiosk_at_v1(fake_store, tmp_path):
    fake_store.publish([A, B], assets=A_ASSETS)
    config = kiosk_config(fake_store, tmp_path, timeout=0.5)
    cache = ContentCache(config.cache_file)
    try:
        sync_once(config, cache)
    finally:
        cache.close()
    return config, write_config(fake_store, tmp_path, timeout=0.5)


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_hostile_store_is_refused_and_the_cache_stays(fake_store, kiosk_at_v1, case):
    config, config_file = kiosk_at_v1
    set_up, expected = CASES[case]
    before = held(config.cache_file)
    assets_before = sorted(p.name for p in (config.state_dir / "assets").glob("??/*"))
    set_up(fake_store)

    result = run_kiosk("--config", str(config_file), "sync", "--once")

    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("kiosk: sync ") and expected in lines[0], lines[0]
    assert "Traceback" not in result.stderr
    log_text = (config.state_dir / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert lines[0].removeprefix("kiosk: ").split(": ", 1)[1] in log_text
    # Nothing written: same feed version, same items, same files; no staging left behind.
    assert held(config.cache_file) == before == (1, {"a": 1, "b": 1})
    assert sorted(p.name for p in (config.state_dir / "assets").glob("??/*")) == assets_before
    assert list((config.state_dir / "sync-staging").glob("*")) == []


def test_a_replayed_older_feed_is_refused(fake_store, kiosk_at_v1):
    config, config_file = kiosk_at_v1
    _publish_v2(fake_store)
    assert run_kiosk("--config", str(config_file), "sync", "--once").returncode == 0
    now_held = held(config.cache_file)
    assert now_held == (2, {"a": 1, "b": 2, "new": 1})
    # The store (or someone in between) answers with version 1's genuine, signed snapshot.
    fake_store.replay = fake_store.snapshots[1]

    result = run_kiosk("--config", str(config_file), "sync", "--once")

    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "kiosk: sync refused: feed version 1 is older than the version held (2)"
    ]
    assert held(config.cache_file) == now_held


def test_after_the_fault_is_gone_the_next_sync_succeeds(fake_store, kiosk_at_v1):
    config, config_file = kiosk_at_v1
    _publish_v2(fake_store)
    fake_store.fault("/v1/assets/", flip_byte)
    assert run_kiosk("--config", str(config_file), "sync", "--once").returncode == 1
    failed = json.loads(run_kiosk("--config", str(config_file), "status", "--json").stdout)
    assert failed["feed_version"] == 1 and failed["items"] == 2
    assert failed["last_error_reason"] == "hash" and "do not match the signed hash" in failed["last_error"]
    assert failed["last_attempt"] > failed["last_success"]

    fake_store.heal()
    result = run_kiosk("--config", str(config_file), "sync", "--once")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith("feed version 2 (delta from 1)")
    assert held(config.cache_file) == (2, {"a": 1, "b": 2, "new": 1})
    ok = json.loads(run_kiosk("--config", str(config_file), "status", "--json").stdout)
    assert ok["feed_version"] == 2 and ok["last_error"] is None and ok["last_success"] == ok["last_attempt"]
    assert ok["uses_store"] is True and ok["store_url"] == fake_store.url


def test_sync_without_a_store_is_a_configuration_error(tmp_path):
    config_file = tmp_path / "kiosk.toml"
    config_file.write_text(f'state_dir = "{tmp_path / "state"}"\n', encoding="utf-8")
    result = run_kiosk("--config", str(config_file), "sync", "--once")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "no [store] url" in result.stderr
