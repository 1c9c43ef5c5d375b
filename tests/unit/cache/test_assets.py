"""Tests of the attachment store (kiosk.cache.AssetStore): files named by their sha256.

Bytes are checked against their name when they are stored and again when they are read,
and a name that is not a sha256 never becomes a path.
"""

from __future__ import annotations

import hashlib

import pytest

from kiosk.cache.assets import AssetError, AssetStore

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n%%EOF\n"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def store(tmp_path):
    return AssetStore(tmp_path / "assets")


def test_put_then_read_and_has(store, tmp_path):
    name = store.put(PNG)
    assert name == digest(PNG)
    assert store.has(name)
    assert store.read(name) == PNG
    assert store.path(name) == tmp_path / "assets" / name[:2] / name
    assert not store.has(digest(PDF))


def test_put_with_the_right_hash(store):
    assert store.put(PDF, digest(PDF)) == digest(PDF)
    assert store.read(digest(PDF)) == PDF


def test_put_is_idempotent_and_leaves_no_partial_files(store):
    store.put(PNG)
    store.put(PNG)
    files = sorted(p.name for p in store.root.rglob("*") if p.is_file())
    assert files == [digest(PNG)]


def test_wrong_hash_is_refused_and_nothing_is_stored(store):
    with pytest.raises(AssetError, match="do not match"):
        store.put(PNG, digest(PDF))
    assert not store.has(digest(PDF))
    assert not store.has(digest(PNG))
    assert [p for p in store.root.rglob("*") if p.is_file()] == []


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd",
        "/etc/passwd",
        "",
        digest(PNG).upper(),
        digest(PNG)[:63],
        digest(PNG) + "0",
        "../" + digest(PNG)[3:],
        digest(PNG)[:62] + "/x",
    ],
)
def test_a_name_that_is_not_a_sha256_is_refused(store, name):
    with pytest.raises(AssetError, match="not a sha256"):
        store.path(name)
    with pytest.raises(AssetError):
        store.read(name)
    with pytest.raises(AssetError):
        store.has(name)
    with pytest.raises(AssetError):
        store.put(PNG, name)


def test_a_trailing_newline_is_not_a_sha256(store):
    # "$" in a regular expression also matches before a final newline: the name must be
    # exactly 64 hex digits, or a QML image URL can make a file name the store never wrote.
    with pytest.raises(AssetError, match="not a sha256"):
        store.path(digest(PNG) + "\n")


def test_damaged_bytes_on_disk_are_not_served(store):
    name = store.put(PNG)
    damaged = bytearray(PNG)
    damaged[10] ^= 0x01
    store.path(name).write_bytes(bytes(damaged))
    with pytest.raises(AssetError, match="damaged"):
        store.read(name)


def test_reading_a_missing_asset_raises(store):
    with pytest.raises(FileNotFoundError):
        store.read(digest(b"never stored"))


def test_remove_unused_keeps_only_what_is_named(store):
    keep = store.put(PNG)
    drop_1 = store.put(PDF)
    drop_2 = store.put(b"third")
    assert store.remove_unused([keep]) == 2
    assert store.has(keep)
    assert not store.has(drop_1)
    assert not store.has(drop_2)
    assert store.read(keep) == PNG
    assert store.remove_unused([keep]) == 0
    assert store.remove_unused([]) == 1
    assert not store.has(keep)
