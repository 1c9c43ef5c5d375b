"""How an item reads on a screen: names instead of keys, local dates, the "revised" mark.

Plain Python, shared by the signage and touch view models.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk import timefmt
from kiosk.catalog import Catalog
from kiosk.config import ContactConfig
from kiosk.content import Item
from kiosk.markdown import plain_text

__all__ = ["FALLBACK_COLOR", "Presenter", "office_lines", "plain_text"]

FALLBACK_COLOR = "#455A64"


@dataclass(frozen=True, slots=True)
class Presenter:
    catalog: Catalog
    timezone: str
    language: str = "zh_CN"

    def category_name(self, item: Item) -> str:
        category = self.catalog.category(item.category)
        return category.name(self.language) if category else item.category

    def category_color(self, item: Item) -> str:
        category = self.catalog.category(item.category)
        return category.color if category else FALLBACK_COLOR

    def unit_name(self, item: Item) -> str:
        unit = self.catalog.unit(item.unit)
        return unit.name(self.language) if unit else item.unit

    def date_text(self, item: Item) -> str:
        """The date a visitor reads: the publication date."""
        return timefmt.date_text(item.published_at, self.timezone, self.language)

    def listed_date_text(self, item: Item) -> str:
        """The date a list row shows: the one lists are sorted by (newest first), the newest
        disclosure's. A re-disclosed item says it is a revision's date (``修订于 …``), so
        an item first published long ago does not seem out of place at the top."""
        if item.last_changed == item.published_at:
            return self.date_text(item)
        day = timefmt.date_text(item.last_changed, self.timezone, self.language)
        return f"Revised {day}" if self.language.startswith("en") else f"修订于 {day}"

    def revised_text(self, item: Item) -> str:
        """``修订于 2026年9月15日`` for a re-disclosed item, else empty."""
        if not item.is_revised or item.revised_at is None:
            return ""
        day = timefmt.date_text(item.revised_at, self.timezone, self.language)
        return f"Revised {day}" if self.language.startswith("en") else f"修订于 {day}"

    def meta_line(self, item: Item) -> str:
        """Unit, date, document number and index number, as the item page shows them."""
        parts = [self.unit_name(item), self.date_text(item)]
        if item.doc_number:
            parts.append(item.doc_number)
        if item.index_number:
            label = "Index no." if self.language.startswith("en") else "索引号"
            parts.append(f"{label} {item.index_number}")
        return "  ·  ".join(parts)


def office_lines(contact: ContactConfig, language: str = "zh_CN") -> list[str]:
    """The office's name, hours, telephone and email, labelled, as the screens show them
    while there is no item (what is not configured is left out)."""
    english = language.startswith("en")
    labelled = (
        ("Opening hours" if english else "办公时间", contact.hours),
        ("Telephone" if english else "电话", contact.telephone),
        ("Email" if english else "邮箱", contact.email),
    )
    lines = [contact.office] if contact.office else []
    return lines + [f"{label}{': ' if english else '：'}{value}" for label, value in labelled if value]
