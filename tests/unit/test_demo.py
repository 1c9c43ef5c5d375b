"""The bundled demo pack: what it must contain, and how it reaches the cache."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from datetime import UTC, datetime

import pytest

from kiosk import demo, itemfile, paths
from kiosk.cache import ContentCache
from kiosk.catalog import default_catalog
from kiosk.content import Audience, Priority

CATALOG = default_catalog()


@pytest.fixture(scope="module")
def pack():
    return [itemfile.read(p, CATALOG) for p in demo.pack_files()]


@pytest.fixture
def cache(tmp_path):
    cache = ContentCache(tmp_path / "cache.sqlite3")
    yield cache
    cache.close()


def test_pack_covers_the_catalogue(pack):
    assert len(pack) >= 40
    categories = Counter(f.fields["category"] for f in pack)
    units = Counter(f.fields["unit"] for f in pack)
    cadences = Counter(f.fields.get("cadence", "routine") for f in pack)
    assert set(categories) == {c.key for c in CATALOG.categories}
    assert set(units) == {u.key for u in CATALOG.units}
    assert set(cadences) == {"routine", "phased", "ad-hoc"}


def test_pack_has_the_special_cases(pack):
    items = [f.to_item(default_id=f.path.stem) for f in pack]
    now = datetime.now(UTC)
    assert sum(i.priority is Priority.URGENT for i in items) >= 3
    assert sum(any(a.is_image for a in i.attachments) for i in items) >= 5
    assert sum(any(a.is_pdf for a in i.attachments) for i in items) >= 2
    assert sum(len(i.body) >= 3000 for i in items) >= 2
    assert any(i.audience is Audience.INTERNAL for i in items)
    assert any(i.audience is Audience.PUBLIC and i.public_from and i.public_from > now for i in items)


def test_pdf_attachments_have_several_pages(pack):
    pdfs = [a.path for f in pack for a in f.attachments if a.media_type == "application/pdf"]
    assert pdfs
    for pdf in pdfs:
        # Each page object of a PDF says "/Type /Page" (the page tree says "/Pages").
        pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))
        assert pages >= 2, pdf


def test_import_keeps_internal_items_out_and_stores_assets(cache, pack):
    kept = demo.import_pack(cache, CATALOG)
    internal = [f for f in pack if f.fields.get("audience") == "internal"]
    assert kept == len(pack) - len(internal)
    assert cache.count() == kept
    for f in internal:
        assert cache.item(f.path.stem, datetime.now(UTC)) is None
    for f in pack:
        for attached in f.attachments:
            if f.fields.get("audience") != "internal":
                assert cache.assets.has(attached.attachment().sha256)


def test_ensure_imported_runs_once_per_pack_version(cache, tmp_path):
    copy = tmp_path / "pack"
    shutil.copytree(paths.DEMO_PACK_DIR, copy)
    assert demo.ensure_imported(cache, CATALOG, copy) is True
    assert demo.ensure_imported(cache, CATALOG, copy) is False
    first = sorted(copy.glob("items/*.md"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n补充一句。\n", encoding="utf-8")
    assert demo.ensure_imported(cache, CATALOG, copy) is True
