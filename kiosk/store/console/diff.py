"""A submitted revision beside the published one: which fields changed, and the body line by line.

The approver reads what they are about to sign: the approved fields
(:func:`kiosk.feed.approved_fields`) of both revisions, compared as they are stored. The
body is compared by lines with :mod:`difflib`; a changed line also marks the characters
that changed (Chinese has no spaces, so words would be whole sentences). Every piece of
text is escaped here: the diff is HTML made of untrusted text.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

#: The fields shown, in order (the body has its own table); attachments are compared by hash.
FIELDS = (
    "title",
    "summary",
    "category",
    "unit",
    "audience",
    "cadence",
    "priority",
    "public_from",
    "expires_at",
    "doc_number",
    "index_number",
    "web_url",
    "attachments",
)
#: Characters compared per changed line pair: longer pairs are shown whole, not marked
#: (SequenceMatcher is quadratic in the worst case).
MAX_MARKED = 4000


@dataclass(frozen=True, slots=True)
class FieldChange:
    name: str
    old: str
    new: str

    @property
    def changed(self) -> bool:
        return self.old != self.new


@dataclass(frozen=True, slots=True)
class LinePair:
    kind: str  # equal | replace | delete | insert
    old: Markup
    new: Markup


@dataclass(frozen=True, slots=True)
class RevisionDiff:
    fields: list[FieldChange]
    body: list[LinePair]

    @property
    def changed_fields(self) -> list[FieldChange]:
        return [f for f in self.fields if f.changed]


def _field_text(content: dict[str, Any] | None, name: str) -> str:
    if content is None:
        return ""
    value = content.get(name)
    if name == "attachments":
        return "\n".join(f"{a.get('title', '')} ({a['media_type']}, {a['sha256'][:12]})" for a in value or [])
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def diff(published: dict[str, Any] | None, submitted: dict[str, Any]) -> RevisionDiff:
    """``published`` is None for an item never published: every field is new."""
    fields = [FieldChange(n, _field_text(published, n), _field_text(submitted, n)) for n in FIELDS]
    old_lines = (published or {}).get("body", "").splitlines()
    new_lines = submitted.get("body", "").splitlines()
    rows: list[LinePair] = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        left, right = old_lines[i1:i2], new_lines[j1:j2]
        if tag == "equal":
            rows.extend(LinePair("equal", escape(a), escape(b)) for a, b in zip(left, right, strict=True))
            continue
        for index in range(max(len(left), len(right))):
            a = left[index] if index < len(left) else None
            b = right[index] if index < len(right) else None
            if a is not None and b is not None:
                rows.append(LinePair("replace", *_marked(a, b)))
            elif a is not None:
                rows.append(LinePair("delete", Markup("<del>{}</del>").format(a), Markup("")))
            else:
                rows.append(LinePair("insert", Markup(""), Markup("<ins>{}</ins>").format(b)))
    return RevisionDiff(fields=fields, body=rows)


def _marked(old: str, new: str) -> tuple[Markup, Markup]:
    if len(old) + len(new) > MAX_MARKED:
        return Markup("<del>{}</del>").format(old), Markup("<ins>{}</ins>").format(new)
    left: list[Markup] = []
    right: list[Markup] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            left.append(escape(old[i1:i2]))
            right.append(escape(new[j1:j2]))
            continue
        if i2 > i1:
            left.append(Markup("<del>{}</del>").format(old[i1:i2]))
        if j2 > j1:
            right.append(Markup("<ins>{}</ins>").format(new[j1:j2]))
    return Markup("").join(left), Markup("").join(right)
