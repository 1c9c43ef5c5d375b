"""Tests of the declarative configuration schema (kiosk.schema).

Small dataclasses of the test's own exercise every supported annotation, the validators,
unknown and missing keys, and the dotted key and wording of each error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pytest

from kiosk.schema import SchemaError, build, check


@dataclass(frozen=True)
class Inner:
    name: str
    size: int = field(default=1, metadata=check(lambda v: v > 0, "a positive size"))


@dataclass(frozen=True)
class Pair:
    low: int = 0
    high: int = 10

    def __post_init__(self):
        if self.high < self.low:
            raise ValueError(f"high ({self.high}) must not be less than low ({self.low})")


@dataclass(frozen=True)
class Sample:
    text: str = ""
    count: int = 0
    ratio: float = 1.0
    flag: bool = False
    where: Path | None = None
    mode: Literal["a", "b", 3] = "a"
    maybe: int | None = None
    either: str | int = 0
    many: tuple[int, ...] = ()
    fixed: tuple[int, str] | None = None
    inner: Inner = field(default_factory=lambda: Inner(name="default"))
    inners: tuple[Inner, ...] = ()
    pair: Pair = field(default_factory=Pair)


def error(table: dict, cls=Sample) -> SchemaError:
    with pytest.raises(SchemaError) as caught:
        build(cls, table)
    return caught.value


def test_empty_table_gives_defaults():
    assert build(Sample, {}) == Sample()


def test_every_annotation_converts():
    built = build(
        Sample,
        {
            "text": "文本",
            "count": 3,
            "ratio": 2,
            "flag": True,
            "where": "~/state",
            "mode": 3,
            "maybe": 5,
            "either": "HDMI-1",
            "many": [1, 2, 3],
            "fixed": [7, "x"],
            "inner": {"name": "n", "size": 4},
            "inners": [{"name": "p"}, {"name": "q", "size": 2}],
            "pair": {"low": 1, "high": 1},
        },
    )
    assert built.text == "文本"
    assert built.ratio == 2.0 and isinstance(built.ratio, float)
    assert built.flag is True
    assert built.where == Path("~/state").expanduser() and "~" not in str(built.where)
    assert built.mode == 3
    assert built.maybe == 5
    assert built.either == "HDMI-1"
    assert built.many == (1, 2, 3)
    assert built.fixed == (7, "x")
    assert built.inner == Inner(name="n", size=4)
    assert built.inners == (Inner(name="p", size=1), Inner(name="q", size=2))
    assert built.pair == Pair(1, 1)


def test_union_takes_the_first_type_that_fits():
    assert build(Sample, {"either": 2}).either == 2
    assert build(Sample, {"either": "2"}).either == "2"


@pytest.mark.parametrize(
    ("table", "key", "message"),
    [
        ({"count": "3"}, "count", 'expected a whole number, got a string "3"'),
        ({"count": 1.5}, "count", "expected a whole number, got a number 1.5"),
        ({"count": True}, "count", "expected a whole number, got a boolean true"),
        ({"ratio": "x"}, "ratio", 'expected a number, got a string "x"'),
        ({"ratio": False}, "ratio", "expected a number, got a boolean false"),
        ({"flag": 1}, "flag", "expected true or false, got a whole number 1"),
        ({"text": 5}, "text", "expected a string, got a whole number 5"),
        ({"where": ""}, "where", 'expected a path (a non-empty string), got a string ""'),
        ({"where": 3}, "where", "expected a path (a non-empty string), got a whole number 3"),
        ({"mode": "c"}, "mode", 'expected one of "a", "b", 3, got a string "c"'),
        ({"either": [1]}, "either", "expected a string or a whole number, got a list [1]"),
        ({"either": True}, "either", "expected a string or a whole number, got a boolean true"),
        ({"many": 1}, "many", "expected a list, got a whole number 1"),
        ({"many": [1, "2"]}, "many[1]", 'expected a whole number, got a string "2"'),
        ({"fixed": [1]}, "fixed", "expected a list of 2 values, got 1"),
        ({"fixed": [1, 2]}, "fixed[1]", "expected a string, got a whole number 2"),
        ({"inner": "x"}, "inner", 'expected a table, got a string "x"'),
        ({"inner": {"name": "n", "size": 0}}, "inner.size", "expected a positive size, got a whole number 0"),
        ({"inner": {"size": 2}}, "inner.name", "missing (this key is required)"),
        ({"inners": [{"name": "a"}, {"name": 1}]}, "inners[1].name", "expected a string, got a whole number 1"),
        (
            {"inners": [{"name": "a"}, {"name": "b", "colour": 1}]},
            "inners[1].colour",
            "unknown key (known keys here: name, size)",
        ),
        ({"pair": {"low": 5, "high": 2}}, "pair", "high (2) must not be less than low (5)"),
    ],
)
def test_each_bad_value_names_its_key_and_what_was_expected(table, key, message):
    exc = error(table)
    assert exc.key == key
    assert exc.message == message
    assert str(exc) == f"{key}: {message}"


def test_unknown_top_level_key_lists_the_known_ones():
    exc = error({"cuont": 1})
    assert exc.key == "cuont"
    assert exc.message.startswith("unknown key (known keys here: count, either, fixed, flag, inner,")


def test_not_a_table_at_the_top():
    exc = error(["x"])  # type: ignore[arg-type]
    assert exc.key == ""
    assert str(exc) == 'expected a table, got a list ["x"]'


def test_the_first_bad_value_is_reported():
    exc = error({"count": "x", "text": 1})
    assert exc.key == "text"  # fields are checked in declaration order


def test_long_values_are_shortened_in_messages():
    exc = error({"count": "x" * 100})
    assert exc.message == 'expected a whole number, got a string "' + "x" * 36 + "..."


def test_quotes_inside_values_are_escaped():
    exc = error({"count": 'say "hi"'})
    assert exc.message == 'expected a whole number, got a string "say \\"hi\\""'


def test_a_table_value_is_described_without_its_content():
    exc = error({"count": {"a": 1}})
    assert exc.message == "expected a whole number, got a table"


def test_none_is_accepted_for_optional_values():
    assert build(Sample, {"maybe": None, "fixed": None}).maybe is None


def test_unsupported_annotation_is_a_programming_error():
    @dataclass
    class Odd:
        value: bytes = b""

    with pytest.raises(TypeError, match="unsupported annotation"):
        build(Odd, {"value": "x"})


def test_a_range_message_is_written_from_its_bounds():
    from kiosk.schema import between, bounds

    @dataclass(frozen=True)
    class Ranged:
        wait: float = field(default=1.0, metadata=between(0.5, 86400, "seconds"))

    assert bounds(Ranged, "wait") == (0.5, 86400)
    exc = error({"wait": 0.25}, Ranged)
    assert exc.message == "expected seconds between 0.5 and 86400, got a number 0.25"
    assert build(Ranged, {"wait": 86400}).wait == 86400.0
