"""The configuration's tables of the screens: which output plays which role, and the LED wall.

Part of the schema of :mod:`kiosk.config` (which reads them from ``[[screens]]`` and
``[signage]``): every default and bound of these keys is declared here, once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from kiosk.schedule import TimeRule
from kiosk.schema import about, between, check


def _positive_region(region: tuple[int, int, int, int] | None) -> bool:
    return region is None or (region[0] >= 0 and region[1] >= 0 and region[2] > 0 and region[3] > 0)


def _command(argv: tuple[str, ...]) -> bool:
    return len(argv) <= 64 and all(0 < len(arg) <= 4096 and "\0" not in arg for arg in argv)


_COMMAND = "a list of at most 64 non-empty strings (the program and its arguments), or []"


@dataclass(frozen=True, slots=True)
class ScreenConfig:
    """One physical screen the kiosk drives, and the role it plays."""

    role: Literal["signage", "touch"] = field(metadata=about("what the screen shows"))
    screen: str | int = field(
        default=0,
        metadata=about('which output: its name as the system reports it (e.g. "HDMI-1") or its number, 0 first'),
    )
    #: LED walls often take a sub-rectangle of the video signal.
    region: tuple[int, int, int, int] | None = field(
        default=None,
        metadata=check(
            _positive_region,
            "[x, y, width, height] with x, y >= 0 and a positive size",
            doc="the part of the output to cover, relative to the output (LED walls "
            "fed by a sub-rectangle of the signal)",
        ),
    )
    cursor: bool = field(
        default=False,
        metadata=about(
            "show the mouse pointer on this screen (a touch screen driven by a mouse); the LED display never shows one"
        ),
    )

    def __post_init__(self) -> None:
        if self.cursor and self.role == "signage":
            raise ValueError("cursor: the LED display (role signage) never shows a pointer")


@dataclass(frozen=True, slots=True)
class SignageConfig:
    """How the LED display rotates items, when it is on, and how it reads from afar."""

    min_dwell: float = field(default=8.0, metadata=between(1, 600, "seconds"))
    max_dwell: float = field(default=30.0, metadata=between(1, 3600, "seconds"))
    chars_per_second: float = field(default=12.0, metadata=between(1, 100, "a reading speed"))
    #: Seconds between repeats of an urgent item, for as long as it is displayable.
    urgent_interval: float = field(default=600.0, metadata=between(10, 86400, "seconds"))
    #: Days an urgent item without an expiry stays urgent after it was published or revised.
    urgent_lifetime_days: float = field(default=7.0, metadata=between(1, 365, "days"))
    #: Hours an ad-hoc item carries the "new" badge after publication.
    new_badge_hours: float = field(default=72.0, metadata=between(0, 8760, "hours"))
    #: Items published or revised within this many days come up ``recent_weight`` times as often.
    recent_days: float = field(default=14.0, metadata=between(0, 3650, "days"))
    recent_weight: float = field(default=2.0, metadata=between(1, 10, "a weight"))
    #: The smallest type the wall may use, in pixels; long text is paged to stay at least this large.
    min_font_px: int = field(default=40, metadata=between(12, 400, "pixels"))
    #: At most this many pages of one item; the rest is left to the touch screen.
    max_pages: int = field(default=5, metadata=between(1, 50, "a number of pages"))
    #: Speed of the urgent-notice ticker, in pixels per second.
    ticker_speed: float = field(default=120.0, metadata=between(10, 2000, "pixels per second"))
    #: What the wall shows outside office hours: nothing at all, or a dimmed clock.
    outside_hours: Literal["blank", "clock"] = "clock"
    #: When the display is on (empty: always). Each: days, start, end ("HH:MM"; crossing midnight is fine).
    hours: tuple[TimeRule, ...] = ()
    #: Spans that limit the rotation to some categories (days, start, end, categories).
    dayparts: tuple[TimeRule, ...] = ()
    #: Commands run when office hours end and begin, to switch the screens' power (empty: none),
    #: e.g. ["wlr-randr", "--output", "HDMI-2", "--off"]. An argument list, run without a shell
    #: (write ["sh", "-c", "..."] to have one); a failure is logged and the kiosk goes on.
    screen_off_command: tuple[str, ...] = field(default=(), metadata=check(_command, _COMMAND))
    screen_on_command: tuple[str, ...] = field(default=(), metadata=check(_command, _COMMAND))
    #: Seconds a screen command may run before it is killed.
    screen_command_timeout: float = field(default=10.0, metadata=between(1, 300, "seconds"))

    def __post_init__(self) -> None:
        if self.max_dwell < self.min_dwell:
            raise ValueError(f"max_dwell ({self.max_dwell}) must not be less than min_dwell ({self.min_dwell})")
        if any(rule.categories for rule in self.hours):
            raise ValueError("hours: categories belong in [[signage.dayparts]], not in [[signage.hours]]")
        if any(not rule.categories for rule in self.dayparts):
            raise ValueError("dayparts: each daypart needs a list of categories")
