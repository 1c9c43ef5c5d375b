"""The disclosure catalogue: content categories and disclosing units.

Both are configuration, not code: the defaults come from ``config/catalog.toml`` and a
kiosk's configuration may replace either list.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

from kiosk import paths
from kiosk.schema import build, check

_KEY = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")


@dataclass(frozen=True, slots=True)
class Category:
    key: str = field(metadata=check(_KEY.fullmatch, "a key of lowercase letters, digits and hyphens"))
    name_zh: str = field(metadata=check(bool, "a non-empty name"))
    name_en: str = ""
    color: str = field(default="#455A64", metadata=check(_COLOR.fullmatch, 'a colour like "#C62828"'))

    def name(self, language: str) -> str:
        return self.name_en if language.startswith("en") and self.name_en else self.name_zh


@dataclass(frozen=True, slots=True)
class Unit:
    key: str = field(metadata=check(_KEY.fullmatch, "a key of lowercase letters, digits and hyphens"))
    name_zh: str = field(metadata=check(bool, "a non-empty name"))
    name_en: str = ""

    def name(self, language: str) -> str:
        return self.name_en if language.startswith("en") and self.name_en else self.name_zh


def unique_keys(entries: tuple[Any, ...]) -> bool:
    keys = [e.key for e in entries]
    return len(keys) == len(set(keys))


@dataclass(frozen=True, slots=True)
class Catalog:
    categories: tuple[Category, ...] = field(
        metadata=check(lambda v: bool(v) and unique_keys(v), "a non-empty list with unique keys")
    )
    units: tuple[Unit, ...] = field(
        metadata=check(lambda v: bool(v) and unique_keys(v), "a non-empty list with unique keys")
    )

    def category(self, key: str) -> Category | None:
        return next((c for c in self.categories if c.key == key), None)

    def unit(self, key: str) -> Unit | None:
        return next((u for u in self.units if u.key == key), None)


def default_catalog() -> Catalog:
    """The catalogue shipped in ``config/catalog.toml``."""
    with open(paths.CATALOG_FILE, "rb") as f:
        return build(Catalog, tomllib.load(f))
