"""The approver's diff: changed fields, the body side by side, untrusted text escaped."""

from __future__ import annotations

from kiosk.store.console.diff import diff

BEFORE = {
    "title": "年度计划",
    "category": "central-work",
    "unit": "party-group",
    "body": "第一段不变。\n第二段旧的文字。\n将被删除的一段。",
    "public_from": None,
    "attachments": [],
}


def test_changed_fields_and_body_lines_are_marked():
    after = dict(
        BEFORE,
        title="年度计划（修订）",
        public_from="2026-12-05T00:30:00+00:00",
        body="第一段不变。\n第二段新的文字。",
        attachments=[{"sha256": "ab" * 32, "media_type": "application/pdf", "title": "附件"}],
    )
    result = diff(BEFORE, after)
    assert [f.name for f in result.changed_fields] == ["title", "public_from", "attachments"]
    kinds = [row.kind for row in result.body]
    assert kinds == ["equal", "replace", "delete"]
    replaced = result.body[1]
    assert str(replaced.old) == "第二段<del>旧</del>的文字。"
    assert str(replaced.new) == "第二段<ins>新</ins>的文字。"
    assert str(result.body[2].old) == "<del>将被删除的一段。</del>"


def test_a_first_revision_is_all_new_and_script_stays_text():
    hostile = "<script>alert(1)</script>"
    result = diff(None, dict(BEFORE, title=hostile, body=f"{hostile}\n正文"))
    assert {f.name for f in result.changed_fields} >= {"title", "category", "unit"}
    assert [row.kind for row in result.body] == ["insert", "insert"]
    assert str(result.body[0].new) == "<ins>&lt;script&gt;alert(1)&lt;/script&gt;</ins>"
    # A field's text is escaped by the template (Jinja2 autoescape): here it is plain text.
    assert next(f for f in result.fields if f.name == "title").new == hostile


def test_a_changed_line_with_script_is_escaped_on_both_sides():
    result = diff(dict(BEFORE, body="<b>旧</b>"), dict(BEFORE, body="<b>新</b>"))
    row = result.body[0]
    assert "<b>" not in str(row.old) + str(row.new)
    assert str(row.new) == "&lt;b&gt;<ins>新</ins>&lt;/b&gt;"
