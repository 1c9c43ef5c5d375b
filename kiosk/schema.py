"""A small declarative schema: TOML tables in, frozen dataclasses out, one clear error per bad value.

A schema is a frozen dataclass. Each field's annotation says what type a value must have;
``field(metadata=check(...))`` adds a validator and a short description of what is expected;
``between(low, high, ...)`` is the common case of a range, whose bounds stay readable
(:func:`bounds`) so that other rules and the generated reference derive from them;
``doc=`` says what the key is for (the configuration reference is generated from it).
:func:`build` walks a parsed TOML table against the dataclass and raises :class:`SchemaError`
naming the dotted key (``screens[1].region``) of the first value that does not fit. Unknown
keys are errors too: a misspelt key silently ignored is a setting silently lost.

Supported annotations: ``str``, ``int``, ``float``, ``bool``, ``pathlib.Path``,
``Literal[...]``, ``X | None``, ``tuple[X, ...]``, fixed ``tuple[X, Y]`` and nested schema
dataclasses.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T", bound="DataclassInstance")


class SchemaError(ValueError):
    """A value that does not fit the schema; ``key`` is its dotted path."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}" if key else message)
        self.key = key
        self.message = message


def check(predicate: Callable[[Any], object], expected: str, doc: str = "") -> dict[str, Any]:
    """Field metadata: ``predicate(value)`` must be true (truthy: a regex match will do);
    ``expected`` says what a good value is."""
    return {"check": predicate, "expected": expected, "doc": doc}


def between(low: float, high: float, unit: str, doc: str = "") -> dict[str, Any]:
    """Field metadata: a number from ``low`` to ``high`` inclusive, e.g. ``unit="seconds"``.

    The message of a value out of range is written from the bounds ("seconds between 5
    and 86400"), so a bound is written once.
    """
    return {
        "check": lambda v: low <= v <= high,
        "expected": f"{unit} between {number(low)} and {number(high)}",
        "doc": doc,
        "low": low,
        "high": high,
    }


def about(doc: str) -> dict[str, Any]:
    """Field metadata of a key without a validator: what it is for."""
    return {"doc": doc}


def bounds(cls: type, name: str) -> tuple[float, float]:
    """The ``(low, high)`` declared with :func:`between` for field ``name`` of ``cls``."""
    metadata = next(f.metadata for f in dataclasses.fields(cls) if f.name == name)
    return metadata["low"], metadata["high"]


def number(value: float) -> str:
    """A bound as people write it: 5, 0.1, 86400 (never 5.0)."""
    return str(int(value)) if float(value).is_integer() else str(value)


def build(cls: type[T], table: Any, key: str = "") -> T:
    """An instance of schema dataclass ``cls`` made from the TOML table ``table``."""
    if not isinstance(table, dict):
        raise SchemaError(key, f"expected a table, got {_describe(table)}")
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    unknown = [name for name in table if name not in fields]
    if unknown:
        known = ", ".join(sorted(fields))
        raise SchemaError(_join(key, unknown[0]), f"unknown key (known keys here: {known})")
    values = {}
    for name, f in fields.items():
        if name not in table:
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise SchemaError(_join(key, name), "missing (this key is required)")
            continue
        sub = _join(key, name)
        value = _convert(hints[name], table[name], sub)
        rule = f.metadata.get("check")
        if rule is not None and not rule(value):
            raise SchemaError(sub, f"expected {f.metadata['expected']}, got {_describe(table[name])}")
        values[name] = value
    try:
        return cls(**values)
    except ValueError as exc:  # cross-field checks in __post_init__
        raise SchemaError(key, str(exc)) from None


def _convert(annotation: Any, value: Any, key: str) -> Any:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if value is None:  # TOML has no null, but defaults and callers may pass None
            return None
        if len(options) == 1:
            return _convert(options[0], value, key)
        for option in options:  # e.g. ``str | int``: the first that fits wins
            try:
                return _convert(option, value, key)
            except SchemaError:
                pass
        names = " or ".join(_TYPE_NAMES.get(o, getattr(o, "__name__", str(o))) for o in options)
        raise SchemaError(key, f"expected {names}, got {_describe(value)}")
    if origin is Literal:
        if value in args:
            return value
        choices = ", ".join(f'"{a}"' if isinstance(a, str) else str(a) for a in args)
        raise SchemaError(key, f"expected one of {choices}, got {_describe(value)}")
    if origin is tuple:
        if not isinstance(value, list):
            raise SchemaError(key, f"expected a list, got {_describe(value)}")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], v, f"{key}[{i}]") for i, v in enumerate(value))
        if len(value) != len(args):
            raise SchemaError(key, f"expected a list of {len(args)} values, got {len(value)}")
        return tuple(_convert(a, v, f"{key}[{i}]") for i, (a, v) in enumerate(zip(args, value, strict=False)))
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        return build(annotation, value, key)
    if annotation is bool:
        if isinstance(value, bool):
            return value
        raise SchemaError(key, f"expected true or false, got {_describe(value)}")
    if annotation is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise SchemaError(key, f"expected a whole number, got {_describe(value)}")
    if annotation is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        raise SchemaError(key, f"expected a number, got {_describe(value)}")
    if annotation is str:
        if isinstance(value, str):
            return value
        raise SchemaError(key, f"expected a string, got {_describe(value)}")
    if annotation is Path:
        if isinstance(value, str) and value:
            return Path(value).expanduser()
        raise SchemaError(key, f"expected a path (a non-empty string), got {_describe(value)}")
    raise TypeError(f"unsupported annotation {annotation!r} at {key}")


def _join(key: str, name: str) -> str:
    return f"{key}.{name}" if key else name


_TYPE_NAMES = {
    bool: "a boolean",
    int: "a whole number",
    float: "a number",
    str: "a string",
    list: "a list",
    dict: "a table",
}


def _describe(value: Any) -> str:
    """How a bad value is quoted in an error: its TOML type, and the value when short."""
    kind = _TYPE_NAMES.get(type(value), type(value).__name__)
    if isinstance(value, dict):
        return kind
    text = _literal(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"{kind} {text}"


def _literal(value: Any) -> str:
    """A value written roughly as TOML would write it."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return '"' + value.replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{...}"
    return str(value)
