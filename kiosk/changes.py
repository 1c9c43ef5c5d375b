"""What one change of the content cache touched, so each screen refreshes only that.

A batch (a sync, the demo pack's import) knows which items it added, revised and
removed; it says so with a :class:`ContentChange`, and the screens re-read those items
alone instead of the whole catalogue. Two changes carry no list of items:
``everything`` (a cache just opened, or a writer that did not say what it wrote) and
``window`` (time moved: some held item reached its ``public_from`` or ``expires_at``;
what is held is the same, only what may be shown now differs).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kiosk.content import Item


@dataclass(frozen=True, slots=True)
class ContentChange:
    added: frozenset[str] = frozenset()
    revised: frozenset[str] = frozenset()
    removed: frozenset[str] = frozenset()
    #: The categories of the items touched, before and after the change.
    categories: frozenset[str] = frozenset()
    everything: bool = False
    window: bool = False

    @property
    def upserted(self) -> frozenset[str]:
        """Items to read again: added or revised."""
        return self.added | self.revised

    @property
    def ids(self) -> frozenset[str]:
        return self.added | self.revised | self.removed

    def touches(self, category: str | None) -> bool:
        """Whether a list of ``category`` (None: of every category) may show something else now."""
        if self.everything or self.window:
            return True
        return bool(self.ids) if category is None else category in self.categories

    def touches_item(self, item_id: str | None) -> bool:
        return item_id is not None and (self.everything or self.window or item_id in self.ids)

    @property
    def empty(self) -> bool:
        return not (self.everything or self.window or self.ids)

    def merged(self, other: ContentChange) -> ContentChange:
        """One change standing for this one followed by ``other`` (for work queued behind a
        running job); an item in both ``upserted`` and ``removed`` is read again to see."""
        if self.everything or other.everything:
            return EVERYTHING
        return ContentChange(
            added=self.added | other.added,
            revised=self.revised | other.revised,
            removed=self.removed | other.removed,
            categories=self.categories | other.categories,
            window=self.window or other.window,
        )

    def summary(self) -> str:
        if self.everything:
            return "everything"
        if self.window:
            return "display windows"
        return f"{len(self.added)} added, {len(self.revised)} revised, {len(self.removed)} removed"


EVERYTHING = ContentChange(everything=True)
WINDOW = ContentChange(window=True)


def between(held: Mapping[str, Item], written: Iterable[Item], removed: Iterable[str]) -> ContentChange:
    """The change a batch makes: ``held`` are the items it replaces or removes, as held before
    (bodies not needed), ``written`` the items it writes, ``removed`` the ids it removes."""
    written = list(written)
    gone = frozenset(i for i in removed if i in held)
    categories = {i.category for i in written} | {held[i].category for i in gone}
    categories |= {held[i.id].category for i in written if i.id in held}
    return ContentChange(
        added=frozenset(i.id for i in written if i.id not in held),
        revised=frozenset(i.id for i in written if i.id in held),
        removed=gone - {i.id for i in written},
        categories=frozenset(categories),
    )
