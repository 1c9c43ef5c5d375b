"""Tests of item files (kiosk.itemfile): Markdown with YAML front matter, as authors write them.

A file with every field becomes the expected Item (attachments hashed, instants in UTC);
each kind of mistake gives an ItemFileError naming the file and the field.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from kiosk import itemfile
from kiosk.catalog import default_catalog
from kiosk.content import Attachment, Audience, Cadence, Item, Priority
from kiosk.itemfile import ItemFileError

CATALOG = default_catalog()
PNG = b"\x89PNG\r\n\x1a\n" + b"\x01" * 40
PDF = b"%PDF-1.7\n1 0 obj\n%%EOF\n"

FULL = """\
---
id: cw-042-annual-priorities
revision: 2
title: "  2026年度重点工作安排  "
summary: 全年十项重点任务
category: central-work
unit: research-office
audience: public
cadence: phased
priority: urgent
published_at: 2026-03-02T09:00:00+08:00
revised_at: "2026-03-10T17:30:00+08:00"
public_from: 2026-03-02T08:00:00+08:00
expires_at: 2027-01-01T00:00:00Z
doc_number: 市委发〔2026〕7号
index_number: 11620100-2026-00042
web_url: https://www.example.gov.cn/gk/42.html
attachments:
  - path: media/plan.pdf
    title: 工作安排全文
  - media/photo.PNG
---

# 2026年度重点工作

正文第一段。
"""


def write_item(folder: Path, text: str, name: str = "item.md") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "plan.pdf").write_bytes(PDF)
    (tmp_path / "media" / "photo.PNG").write_bytes(PNG)
    return tmp_path


def test_a_file_with_every_field(folder):
    path = write_item(folder, FULL)
    parsed = itemfile.read(path, CATALOG)
    assert parsed.path == path
    assert parsed.body == "# 2026年度重点工作\n\n正文第一段。"
    assert [a.path for a in parsed.attachments] == [folder / "media" / "plan.pdf", folder / "media" / "photo.PNG"]
    item = parsed.to_item()
    assert item == Item(
        id="cw-042-annual-priorities",
        revision=2,
        title="2026年度重点工作安排",
        summary="全年十项重点任务",
        body="# 2026年度重点工作\n\n正文第一段。",
        category="central-work",
        unit="research-office",
        audience=Audience.PUBLIC,
        cadence=Cadence.PHASED,
        priority=Priority.URGENT,
        published_at=datetime(2026, 3, 2, 1, 0, tzinfo=UTC),
        revised_at=datetime(2026, 3, 10, 9, 30, tzinfo=UTC),
        public_from=datetime(2026, 3, 2, 0, 0, tzinfo=UTC),
        expires_at=datetime(2027, 1, 1, 0, 0, tzinfo=UTC),
        doc_number="市委发〔2026〕7号",
        index_number="11620100-2026-00042",
        web_url="https://www.example.gov.cn/gk/42.html",
        attachments=(
            Attachment(
                sha256=hashlib.sha256(PDF).hexdigest(),
                media_type="application/pdf",
                title="工作安排全文",
                size=len(PDF),
            ),
            # A bare path: the title is the file's name without its extension; the
            # extension is matched without regard to case.
            Attachment(sha256=hashlib.sha256(PNG).hexdigest(), media_type="image/png", title="photo", size=len(PNG)),
        ),
    )
    # Instants are converted to UTC, not merely compared equal.
    for instant in (item.published_at, item.revised_at, item.public_from, item.expires_at):
        assert instant.tzinfo == UTC
    assert parsed.fields["published_at"].tzinfo == UTC


def test_minimal_file_takes_defaults_from_the_caller(folder):
    path = write_item(folder, "---\ntitle: 标题\ncategory: conduct\nunit: party-group\n---\n正文\n")
    parsed = itemfile.read(path, CATALOG)
    published = datetime(2026, 1, 1, tzinfo=timezone(timedelta(hours=8)))
    item = parsed.to_item(default_id="from-name", published_at=published)
    assert (item.id, item.revision, item.body) == ("from-name", 1, "正文")
    assert item.published_at == published and item.published_at.tzinfo == UTC
    assert (item.audience, item.cadence, item.priority) == (Audience.PUBLIC, Cadence.ROUTINE, Priority.NORMAL)
    assert item.attachments == ()
    with pytest.raises(ItemFileError, match=r": id: missing"):
        parsed.to_item(published_at=published)
    with pytest.raises(ItemFileError, match=r": published_at: missing"):
        parsed.to_item(default_id="x")


def test_byte_order_mark_and_crlf_are_accepted(folder):
    text = "\ufeff---\r\ntitle: 标题\r\ncategory: conduct\r\nunit: party-group\r\n---\r\n正文\r\n"
    path = folder / "bom.md"
    path.write_bytes(text.encode("utf-8"))
    assert itemfile.read(path, CATALOG).fields["title"] == "标题"


def test_the_demo_pack_reads():
    from kiosk import paths

    files = sorted((paths.DEMO_PACK_DIR / "items").glob("*.md"))
    assert files
    for path in files:
        item = itemfile.read(path, CATALOG).to_item()
        assert item.id == path.stem
        assert item.published_at.tzinfo == UTC


# -- mistakes ------------------------------------------------------------------------------

VALID_HEAD = "title: 标题\ncategory: conduct\nunit: party-group\n"


def error(folder: Path, text: str) -> str:
    path = write_item(folder, text)
    with pytest.raises(ItemFileError) as caught:
        itemfile.read(path, CATALOG)
    message = str(caught.value)
    assert message.startswith(f"{path}: "), message
    return message[len(f"{path}: ") :]


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("colour: red\n", "colour: unknown field (known fields: attachments, audience,"),
        ("body: 正文\n", "body: unknown field"),
        ("audience: everyone\n", "audience: expected one of internal, public, got 'everyone'"),
        ("cadence: weekly\n", "cadence: expected one of routine, phased, ad-hoc, got 'weekly'"),
        ("priority: high\n", "priority: expected one of normal, urgent, got 'high'"),
        ("published_at: 2026-03-02T09:00:00\n", "published_at: expected a time with an explicit offset"),
        ("published_at: '2026-03-02T09:00:00'\n", "published_at: expected a time with an explicit offset"),
        ("public_from: 2026-03-02\n", "public_from: expected a time with an offset, not a bare date"),
        ("expires_at: next week\n", "expires_at: expected an ISO 8601 time with an offset"),
        ("revised_at: 20260302\n", "revised_at: expected an ISO 8601 time with an offset"),
        (
            "public_from: 2026-03-02T09:00:00+08:00\nexpires_at: 2026-03-02T09:00:00+08:00\n",
            "expires_at: must come after public_from",
        ),
        (
            "public_from: 2026-03-02T09:00:00+08:00\nexpires_at: 2026-03-02T00:59:59Z\n",
            "expires_at: must come after public_from",
        ),
        ("id: Not_An_Id\n", "id: expected lowercase letters, digits and hyphens"),
        ("id: -leading-hyphen\n", "id: expected lowercase letters, digits and hyphens"),
        ("id: " + "a" * 81 + "\n", "id: expected lowercase letters, digits and hyphens"),
        ("id: 42\n", "id: expected lowercase letters, digits and hyphens"),
        ("revision: 0\n", "revision: expected a whole number, 1 or more"),
        ("revision: true\n", "revision: expected a whole number, 1 or more"),
        ("revision: '2'\n", "revision: expected a whole number, 1 or more"),
        ("summary: [a, b]\n", "summary: expected a text"),
        ("web_url: javascript:alert(1)\n", "web_url: expected an http:// or https:// address"),
        (
            "attachments:\n  - evil.exe\n",
            "attachments[0]: evil.exe: unsupported file type (allowed: .jpeg, .jpg, .pdf, .png, .webp)",
        ),
        ("attachments:\n  - page.html\n", "attachments[0]: page.html: unsupported file type"),
        ("attachments:\n  - media/missing.png\n", "attachments[0]: media/missing.png: no such file"),
        (
            "attachments:\n  - media/plan.pdf\n  - {title: 无路径}\n",
            "attachments[1]: expected a path, or a mapping with path and title",
        ),
    ],
)
def test_each_bad_field_is_named(folder, extra, expected):
    assert error(folder, "---\n" + VALID_HEAD + extra + "---\n正文\n").startswith(expected)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("category: conduct\nunit: party-group\n", "title: required, a non-empty text"),
        ("title: '   '\ncategory: conduct\nunit: party-group\n", "title: required, a non-empty text"),
        ("title: 标题\nunit: party-group\n", "category: required"),
        ("title: 标题\ncategory: conduct\n", "unit: required"),
        (
            "title: 标题\ncategory: culture\nunit: party-group\n",
            "category: unknown category 'culture' (known: central-work,",
        ),
        ("title: 标题\ncategory: conduct\nunit: mayor\n", "unit: unknown unit 'mayor' (known: party-group,"),
        ("title: 123\ncategory: conduct\nunit: party-group\n", "title: required, a non-empty text"),
    ],
)
def test_required_fields_and_catalogue_keys(folder, head, expected):
    assert error(folder, "---\n" + head + "---\n").startswith(expected)


@pytest.mark.parametrize(
    "text",
    [
        "title: 标题\n\n正文\n",  # no front matter at all
        "正文\n---\ntitle: 标题\n---\n",  # front matter not at the top
        "---\ntitle: 标题\ncategory: conduct\nunit: party-group\n",  # never closed
    ],
)
def test_missing_front_matter(folder, text):
    assert error(folder, text) == "expected YAML front matter between '---' lines at the top"


def test_invalid_yaml(folder):
    message = error(folder, "---\ntitle: [unclosed\ncategory: conduct\n---\n")
    assert message.startswith("front matter is not valid YAML (")
    assert "\n" not in message


def test_front_matter_that_is_not_a_mapping(folder):
    assert error(folder, "---\n- a\n- b\n---\n") == "front matter must be a mapping of field: value"


def test_an_unreadable_file(tmp_path):
    path = tmp_path / "missing.md"
    with pytest.raises(ItemFileError, match=rf"^{path}: cannot read"):
        itemfile.read(path, CATALOG)
    bad = tmp_path / "latin1.md"
    bad.write_bytes(b"---\ntitle: caf\xe9\n---\n")
    with pytest.raises(ItemFileError, match=rf"^{bad}: cannot read"):
        itemfile.read(bad, CATALOG)
