"""The console's item list: one page of items, newest change first, searched and filtered.

Each item is listed by its latest revision (what its author works on). Search finds the
query as a substring of the revision's text through a trigram index, or of its title and
numbers when the query is shorter than three characters (:mod:`kiosk.store.search`);
the filters are equalities on indexed columns. A page is two queries on either database:
the count and the rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from kiosk.content import Cadence
from kiosk.store.fields import storable
from kiosk.store.models import ItemRow, Revision, User
from kiosk.store.search import matches as search_matches

#: The states an item's latest revision can be in (superseded and replaced ones never are).
STATES = ("draft", "submitted", "approved", "scheduled", "published", "withdrawn")
CADENCES = tuple(c.value for c in Cadence)
PER_PAGE = 50
MAX_PER_PAGE = 200
#: The longest search text taken (a longer one is refused, not cut).
MAX_SEARCH = 200
#: Page numbers beyond this are refused: 10,000 items at 50 a page need 200.
MAX_PAGE = 100_000


class QueryError(ValueError):
    """A listing request out of range; the message names the parameter."""


@dataclass(frozen=True, slots=True)
class ItemQuery:
    search: str = ""
    category: str = ""
    unit: str = ""
    state: str = ""
    cadence: str = ""
    page: int = 1
    per_page: int = PER_PAGE

    def __post_init__(self) -> None:
        if len(self.search) > MAX_SEARCH:
            raise QueryError(f"search: at most {MAX_SEARCH} characters")
        if self.state and self.state not in STATES:
            raise QueryError(f"state: one of {', '.join(STATES)}")
        if self.cadence and self.cadence not in CADENCES:
            raise QueryError(f"cadence: one of {', '.join(CADENCES)}")
        for name in ("category", "unit"):
            if len(getattr(self, name)) > 64:
                raise QueryError(f"{name}: at most 64 characters")
        for name in ("search", "category", "unit"):
            try:  # a NUL would reach the database as an error of its own, not a refusal
                storable(getattr(self, name))
            except ValueError as exc:
                raise QueryError(f"{name}: {exc}") from None
        if not 1 <= self.page <= MAX_PAGE:
            raise QueryError(f"page: between 1 and {MAX_PAGE}")
        if not 1 <= self.per_page <= MAX_PER_PAGE:
            raise QueryError(f"per_page: between 1 and {MAX_PER_PAGE}")


@dataclass(frozen=True, slots=True)
class ListedItem:
    id: str
    title: str
    category: str
    unit: str
    cadence: str
    doc_number: str
    state: str
    revision: int
    live_revision: int | None
    author: str
    changed_at: datetime


@dataclass(frozen=True, slots=True)
class ItemPage:
    items: list[ListedItem]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _filtered(statement: Select, query: ItemQuery, dialect: str) -> Select:
    statement = statement.join(
        Revision, (Revision.item_id == ItemRow.id) & (Revision.number == ItemRow.latest_revision)
    )
    search = " ".join(query.search.split()).lower()
    if search:
        statement = statement.where(search_matches(dialect, search))
    for column, value in (
        (Revision.category, query.category),
        (Revision.unit, query.unit),
        (Revision.state, query.state),
        (Revision.cadence, query.cadence),
    ):
        if value:
            statement = statement.where(column == value)
    return statement


def list_items(session: Session, query: ItemQuery) -> ItemPage:
    dialect = session.get_bind().dialect.name
    total = session.scalar(_filtered(select(func.count()).select_from(ItemRow), query, dialect)) or 0
    author = aliased(User)
    rows = session.execute(
        _filtered(
            select(
                ItemRow.id,
                Revision.title,
                Revision.category,
                Revision.unit,
                Revision.cadence,
                Revision.doc_number,
                Revision.state,
                Revision.number,
                ItemRow.live_revision,
                author.name,
                Revision.created_at,
            ).select_from(ItemRow),
            query,
            dialect,
        )
        .join(author, author.id == Revision.author_id)
        .order_by(Revision.created_at.desc(), ItemRow.id)
        .limit(query.per_page)
        .offset((query.page - 1) * query.per_page)
    ).all()
    return ItemPage(items=[ListedItem(*row) for row in rows], total=total, page=query.page, per_page=query.per_page)
