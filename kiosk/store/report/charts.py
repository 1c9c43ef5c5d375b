"""Bar charts as plain geometry: each bar's label, value, share of the longest and colour.
The HTML report draws them as SVG, the PDF with rectangles: one computation, two pens."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.catalog import Catalog
from kiosk.store.report import names

#: The rating bars, best to worst: green to the console's red.
RATING_COLOURS = ("#2E7D32", "#66BB6A", "#F9A825", "#EF6C00", "#B71C1C")


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    #: The bar's length as a share of the longest bar (0 to 1).
    share: float
    colour: str


def bars(pairs: list[tuple[str, int, str]]) -> list[Bar]:
    longest = max((value for _, value, _ in pairs), default=0)
    return [Bar(label, value, value / longest if longest else 0.0, colour) for label, value, colour in pairs]


def ratings(report: dict) -> list[Bar]:
    counts = report["feedback"]["ratings"]
    return bars([(names.RATINGS[k], counts[k], c) for k, c in zip(names.RATINGS, RATING_COLOURS, strict=True)])


def categories(report: dict, catalog: Catalog) -> list[Bar]:
    """Items disclosed per category: every category of the catalogue, then any other found."""
    found = report["disclosed"]["by_category"]
    keys = [c.key for c in catalog.categories] + [k for k in found if catalog.category(k) is None]
    return bars(
        [(names.category(catalog, k), found.get(k, {}).get("items", 0), names.colour(catalog, k)) for k in keys]
    )
