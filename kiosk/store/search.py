"""Searching revisions by a piece of their text, through an index on both databases.

A revision keeps two lower-cased copies of its text (:func:`kiosk.store.item_index.index_columns`):
``search_text`` (title, summary, body, document and index numbers) and ``search_head``
(the same without the body). A query of three characters or more is looked up in a
trigram index over ``search_text`` — FTS5's ``trigram`` tokenizer on SQLite (the table
``revisions_fts``, kept by triggers on ``revisions``), a ``pg_trgm`` GIN index on
PostgreSQL — and then matches as a plain substring, anywhere in the text. Trigrams cannot
look up one or two characters, so a shorter query is a substring scan of ``search_head``:
short enough to read for every revision, and where a word of one or two characters is
meant (a title, a document number's serial).

Migration 0008 creates these structures. They are not in the models' metadata (Alembic
cannot describe a virtual table or an operator class), so :func:`owned_name` tells Alembic
to leave them alone. A later migration that rebuilds ``revisions`` on SQLite (batch mode)
drops its triggers with it and must create them again. On SQLite a short query scans
``search_head`` through an index of its own (:data:`kiosk.store.models.HEAD_INDEX`, made
by migration 0010; :func:`present_on` tells Alembic it is SQLite's alone).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import column, func, literal_column, select, table
from sqlalchemy.sql.elements import ColumnElement

from kiosk.store.models import HEAD_INDEX, Revision

#: The index over ``revisions.search_text`` on SQLite: FTS5 with the trigram tokenizer
#: (external content: it holds the index only). Case-sensitive, because the text and the
#: query are already lower-cased alike (by Python): FTS5's own folding would also make
#: letters the same that lower-casing keeps apart (Greek's two small sigmas), and then
#: find what a plain substring search does not.
SQLITE_TABLE = (
    "CREATE VIRTUAL TABLE revisions_fts USING fts5("
    "search_text, content='revisions', content_rowid='id', tokenize='trigram case_sensitive 1')"
)
#: The triggers that keep ``revisions_fts`` in step with ``revisions`` on SQLite. A migration
#: that rebuilds ``revisions`` (batch mode) loses them with the old table: it runs these
#: again, then :data:`SQLITE_REBUILD`.
SQLITE_TRIGGERS = (
    "CREATE TRIGGER revisions_fts_insert AFTER INSERT ON revisions BEGIN "
    "INSERT INTO revisions_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER revisions_fts_delete AFTER DELETE ON revisions BEGIN "
    "INSERT INTO revisions_fts(revisions_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER revisions_fts_update AFTER UPDATE OF search_text ON revisions BEGIN "
    "INSERT INTO revisions_fts(revisions_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO revisions_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
)
#: Refills the index from ``revisions`` (after its creation, or after its triggers were lost).
SQLITE_REBUILD = "INSERT INTO revisions_fts(revisions_fts) VALUES ('rebuild')"

#: The shortest query the trigram index can look up.
INDEXED_LENGTH = 3
FTS_TABLE = "revisions_fts"
TRIGRAM_INDEX = "ix_revisions_search_trgm"


def owned_name(name: str | None, type_: Any, parent_names: Any) -> bool:
    """Alembic's ``include_name`` hook: False for the search index's own tables and index."""
    if name is None:
        return True
    if type_ == "table" and (name == FTS_TABLE or name.startswith(FTS_TABLE + "_")):
        return False
    return not (type_ == "index" and name == TRIGRAM_INDEX)


def present_on(dialect: str):
    """Alembic's ``include_object`` hook for a database of ``dialect``: the models' index of
    ``search_head`` exists on SQLite only, so elsewhere it is not missing."""

    def include(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
        return not (type_ == "index" and name == HEAD_INDEX and dialect != "sqlite")

    return include


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def matches(dialect: str, text: str) -> ColumnElement[bool]:
    """A condition on :class:`Revision`: its text contains ``text`` (already lower-cased)."""
    if len(text) < INDEXED_LENGTH:
        # A plain substring search: no wildcard to escape, and instr is faster than LIKE.
        if dialect == "sqlite":
            return func.instr(Revision.search_head, text) > 0
        return func.strpos(Revision.search_head, text) > 0
    if dialect == "sqlite":
        # A phrase of trigrams matches exactly where the text holds the query as a substring.
        phrase = '"' + text.replace('"', '""') + '"'
        fts = table(FTS_TABLE, column("rowid"))
        found = select(fts.c.rowid).where(literal_column(FTS_TABLE).op("MATCH")(phrase))
        # "+ 0" keeps SQLite from looking each match up by its id (every revision's row,
        # then a sort of them all, when a phrase is in every item): it walks the list's
        # indexes in their order and tests each id against the matches, so a page stops
        # after its fifty and the count reads no whole row. At 10,000 matches a page takes
        # a third of the time; at one match a few milliseconds more.
        return (Revision.id + 0).in_(found)
    # pg_trgm answers LIKE from its index (strpos it cannot) and rechecks every candidate.
    return Revision.search_text.like(f"%{_escape_like(text)}%", escape="\\")
