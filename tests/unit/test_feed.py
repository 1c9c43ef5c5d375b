"""The feed format in-process: what a kiosk accepts and each reason it refuses.

The end-to-end cases (tests/integration/test_sync_hostile.py) run a real kiosk against a
hostile store; these call :mod:`kiosk.feed` directly, edge by edge (an expiry instant
exactly now, a version exactly the one held, a clock skew exactly at its bound), which is
also what mutation testing needs: it only sees tests that run in its own process.
"""

from __future__ import annotations

import base64
import dataclasses
import json
from datetime import timedelta, timezone

import pytest
from support import NOW, Audience, make_item

from kiosk import feed, signing
from kiosk.content import item_to_dict

STORE = signing.generate()
APPROVER = signing.generate()
STORE_KEY = signing.public_text(STORE)
APPROVERS = {signing.public_text(APPROVER)}
SHA = "a" * 64


def version(**fields) -> feed.FeedVersion:
    values = dict(
        kind="snapshot",
        version=3,
        issued_at=NOW - timedelta(minutes=1),
        expires_at=NOW + timedelta(hours=1),
        entries=(feed.Entry("a", 1, SHA), feed.Entry("b", 2, "b" * 64)),
    )
    values.update(fields)
    return feed.FeedVersion(**values)


def envelope(payload: dict, key=STORE) -> bytes:
    data = signing.canonical_json(payload)
    return signing.canonical_json({"payload": base64.b64encode(data).decode(), "signature": signing.sign(key, data)})


def refused(body: bytes, held: int = 0, now=NOW) -> feed.FeedError:
    with pytest.raises(feed.FeedError) as caught:
        feed.open_feed(body, STORE_KEY, now, held)
    return caught.value


# -- feed versions --------------------------------------------------------------------


def test_a_snapshot_and_a_delta_come_back_as_signed():
    snapshot = version()
    assert feed.open_feed(feed.sign_feed(snapshot, STORE), STORE_KEY, NOW, 0) == snapshot
    delta = version(kind="delta", version=5, since=3, removals=("gone",))
    assert feed.open_feed(feed.sign_feed(delta, STORE), STORE_KEY, NOW, 3) == delta
    assert delta.payload()["since"] == 3 and delta.payload()["removals"] == ["gone"]
    assert "since" not in snapshot.payload() and "removals" not in snapshot.payload()


def test_instants_come_back_in_utc():
    shanghai = NOW.astimezone(timezone(timedelta(hours=8)))
    opened = feed.open_feed(
        feed.sign_feed(version(issued_at=shanghai - timedelta(minutes=1)), STORE), STORE_KEY, NOW, 0
    )
    assert opened.issued_at.utcoffset() == timedelta(0) and opened.issued_at == NOW - timedelta(minutes=1)


def test_a_version_equal_to_the_one_held_is_accepted_an_older_one_is_a_rollback():
    assert feed.open_feed(feed.sign_feed(version(version=3), STORE), STORE_KEY, NOW, 3).version == 3
    error = refused(feed.sign_feed(version(version=3), STORE), held=4)
    assert error.reason == "rollback" and "older than the version held (4)" in str(error)


def test_a_delta_must_start_at_the_version_held():
    body = feed.sign_feed(version(kind="delta", version=5, since=3), STORE)
    assert refused(body, held=2).reason == "mismatch"
    assert refused(body, held=4).reason == "mismatch"
    assert feed.open_feed(body, STORE_KEY, NOW, 3).since == 3


def test_expiry_is_exclusive():
    body = feed.sign_feed(version(expires_at=NOW), STORE)
    assert refused(body).reason == "expired"
    assert feed.open_feed(body, STORE_KEY, NOW - timedelta(microseconds=1), 0).version == 3


def test_a_feed_from_the_future_is_refused_beyond_the_clock_skew():
    body = feed.sign_feed(version(issued_at=NOW + feed.CLOCK_SKEW), STORE)
    assert feed.open_feed(body, STORE_KEY, NOW, 0).version == 3
    error = refused(body, now=NOW - timedelta(microseconds=1))
    assert error.reason == "future" and "check this kiosk's clock" in str(error)


def test_a_feed_signed_with_another_key_or_altered_is_refused():
    assert refused(feed.sign_feed(version(), signing.generate())).reason == "signature"
    outer = json.loads(feed.sign_feed(version(), STORE))
    other = signing.canonical_json(version(version=9).payload())
    outer["payload"] = base64.b64encode(other).decode()
    assert refused(signing.canonical_json(outer)).reason == "signature"


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[]",
        b'{"payload": "eA=="}',
        b'{"signature": "eA=="}',
        b'{"payload": "not base64!", "signature": "eA=="}',
    ],
)
def test_what_is_not_a_signed_envelope_is_malformed(body):
    error = refused(body)
    assert error.reason == "malformed" and str(error) == "feed is not a signed envelope"


def test_an_oversized_feed_is_refused_before_it_is_parsed():
    error = refused(b" " * (feed.MAX_FEED_BYTES + 1))
    assert error.reason == "oversized"
    assert refused(b" " * feed.MAX_FEED_BYTES).reason == "malformed"  # at the bound: parsed (and refused)


@pytest.mark.parametrize(
    "change",
    [
        {"format": "lobby-kiosk/feed@2"},
        {"kind": "full"},
        {"version": -1},
        {"version": True},
        {"version": "3"},
        {"version": 1.0},
        {"issued_at": "yesterday"},
        {"expires_at": None},
        {"entries": [{"id": "a", "revision": 1, "sha256": "A" * 64}]},
        {"entries": [{"id": "a", "revision": 1, "sha256": "a" * 63}]},
        {"entries": [{"id": "a", "revision": 1, "sha256": "g" * 64}]},
        {"entries": [{"id": "a", "revision": True, "sha256": SHA}]},
        {"entries": [{"id": "a", "sha256": SHA}]},
        {"entries": [{"id": "a", "revision": 1, "sha256": SHA}, {"id": "a", "revision": 2, "sha256": SHA}]},
        {"entries": "none"},
    ],
)
def test_a_malformed_payload_is_refused(change):
    payload = dict(version().payload(), **change)
    assert refused(envelope(payload)).reason == "malformed"


def test_a_delta_without_since_is_malformed():
    payload = version(kind="delta", since=3).payload()
    del payload["since"]
    assert refused(envelope(payload), held=3).reason == "malformed"


def test_a_signed_payload_that_is_not_json_is_malformed():
    data = b"\xff not json"
    body = signing.canonical_json({"payload": base64.b64encode(data).decode(), "signature": signing.sign(STORE, data)})
    assert refused(body).reason == "malformed"


# -- item documents -------------------------------------------------------------------


def document(item=None, key=APPROVER, claimed=None, signature=None) -> tuple[bytes, str]:
    item = item or make_item("a", published_at=NOW)
    sig = signature if signature is not None else signing.sign(key, feed.approval_bytes(item))
    data = feed.item_document(item, "bob", claimed or signing.public_text(key), sig)
    return data, feed.sha256_hex(data)


def refused_item(data: bytes, sha: str, keys=APPROVERS) -> feed.FeedError:
    with pytest.raises(feed.FeedError) as caught:
        feed.open_item_document(data, sha, keys)
    return caught.value


def test_a_properly_approved_public_document_opens():
    item = make_item("a", published_at=NOW, revised_at=NOW + timedelta(days=1))
    data, sha = document(item)
    assert feed.open_item_document(data, sha, APPROVERS) == item


def test_the_approval_leaves_out_the_publication_fields():
    item = make_item("a", published_at=NOW, revised_at=NOW + timedelta(days=1))
    assert set(feed.approved_fields(item)) == set(item_to_dict(item)) - {"published_at", "revised_at"}
    assert feed.approved_fields(item_to_dict(item)) == feed.approved_fields(item)
    # Set at publication: the same approval covers another publication date ...
    later = dataclasses.replace(item, published_at=NOW + timedelta(days=2), revised_at=None)
    assert feed.approval_bytes(later) == feed.approval_bytes(item)
    data, sha = document(later, signature=signing.sign(APPROVER, feed.approval_bytes(item)))
    assert feed.open_item_document(data, sha, APPROVERS) == later
    # ... but not another title.
    data, sha = document(
        dataclasses.replace(item, title="改过的标题"), signature=signing.sign(APPROVER, feed.approval_bytes(item))
    )
    assert refused_item(data, sha).reason == "approval"


def test_bytes_that_do_not_match_the_signed_hash_are_refused():
    data, sha = document()
    error = refused_item(data + b" ", sha)
    assert error.reason == "hash" and sha[:12] in str(error)


def test_an_untrusted_or_forged_approval_is_refused():
    stranger = signing.generate()
    data, sha = document(key=stranger)
    error = refused_item(data, sha)
    assert error.reason == "approval" and "does not trust" in str(error)
    data, sha = document(key=stranger, claimed=signing.public_text(APPROVER))
    error = refused_item(data, sha)
    assert error.reason == "approval" and "does not match" in str(error)
    data, sha = document(signature="")
    assert refused_item(data, sha).reason == "approval"


def test_a_correctly_approved_internal_item_is_refused():
    data, sha = document(make_item("secret", published_at=NOW, audience=Audience.INTERNAL))
    error = refused_item(data, sha)
    assert error.reason == "audience" and "secret" in str(error) and "internal" in str(error)


@pytest.mark.parametrize(
    "doc",
    [
        b"{not json",
        b"[1]",
        b'{"format": "lobby-kiosk/item@2"}',
        b'{"format": "lobby-kiosk/item@1", "approval": {}}',
        b'{"format": "lobby-kiosk/item@1", "item": {}, "approval": {}}',
    ],
)
def test_a_malformed_document_is_refused(doc):
    assert refused_item(doc, feed.sha256_hex(doc)).reason == "malformed"


def test_an_approval_that_is_not_an_object_is_refused():
    item = make_item("a", published_at=NOW)
    doc = signing.canonical_json({"format": feed.ITEM_FORMAT, "item": item_to_dict(item), "approval": "yes"})
    assert refused_item(doc, feed.sha256_hex(doc)).reason == "approval"


def test_a_document_names_its_format_item_and_approval():
    item = make_item("a", published_at=NOW)
    data, _ = document(item)
    parsed = json.loads(data)
    assert parsed["format"] == feed.ITEM_FORMAT == "lobby-kiosk/item@1"
    assert parsed["item"] == item_to_dict(item)
    assert parsed["approval"]["approver"] == "bob" and parsed["approval"]["key"] in APPROVERS
    assert data == signing.canonical_json(parsed)


def test_version_zero_and_a_first_revision_are_whole_numbers():
    # A store that has published nothing yet serves version 0: holding it is holding a version.
    empty = version(version=0, entries=())
    assert feed.open_feed(feed.sign_feed(empty, STORE), STORE_KEY, NOW, 0) == empty
    first = version(entries=(feed.Entry("a", 0, SHA),))
    assert feed.open_feed(feed.sign_feed(first, STORE), STORE_KEY, NOW, 0).entries[0].revision == 0
    payload = dict(version().payload(), entries=[{"id": "a", "revision": 1, "sha256": "X" * 64}])
    assert refused(envelope(payload)).reason == "malformed"
