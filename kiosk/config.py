"""The kiosk's configuration: one TOML file validated into typed, frozen objects.

Every key has a default, so a file holding only the keys that differ is valid. A file
that is missing, unreadable, not TOML, or holds an unknown key or a bad value raises
:class:`ConfigError`, whose message is one line naming the file, the key and what was
expected; the command line prints it and exits with status 2. The tables of the screens
and of the LED display are declared in :mod:`kiosk.config_screens`.
"""

from __future__ import annotations

import re
import tomllib
import zoneinfo
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from kiosk import feedback as fb
from kiosk import paths
from kiosk.catalog import Catalog, Category, Unit, default_catalog, unique_keys

# Re-exported: the screens and the wall are part of the one configuration callers import.
from kiosk.config_screens import ScreenConfig as ScreenConfig
from kiosk.config_screens import SignageConfig as SignageConfig
from kiosk.schema import SchemaError, about, between, build, check
from kiosk.timefmt import DEFAULT_TIMEZONE


class ConfigError(Exception):
    """A configuration that cannot be used; ``str()`` is the one line to show."""

    def __init__(self, message: str) -> None:
        # Keys and values may hold line breaks; the message stays one line whatever they hold.
        super().__init__(message.replace("\r", "\\r").replace("\n", "\\n"))


def _valid_zone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


_BASE64_KEY = re.compile(r"[A-Za-z0-9+/]{43}=")  # a 32-byte Ed25519 public key in base64


@dataclass(frozen=True, slots=True)
class StoreConfig:
    """The central store this kiosk syncs from. Empty ``url``: run on the bundled demo pack."""

    url: str = field(
        default="",
        metadata=check(lambda v: v == "" or v.startswith(("http://", "https://")), "an http:// or https:// URL"),
    )
    store_key: str = field(
        default="",
        metadata=check(
            lambda v: v == "" or _BASE64_KEY.fullmatch(v), "an Ed25519 public key in base64 (44 characters)"
        ),
    )
    approver_keys: tuple[str, ...] = field(
        default=(),
        metadata=check(
            lambda v: all(_BASE64_KEY.fullmatch(k) for k in v), "Ed25519 public keys in base64 (44 characters each)"
        ),
    )
    device_token: str = ""
    #: Protocol v2: the root this kiosk pins (version and sha256 of its file), as enrollment prints them.
    root_version: int = field(default=0, metadata=check(lambda v: v >= 0, "a root version (0: protocol v1)"))
    root_sha256: str = field(
        default="",
        metadata=check(
            lambda v: v == "" or re.fullmatch(r"[0-9a-f]{64}", v), "the sha256 of the pinned root (64 hex digits)"
        ),
    )
    #: Protocol v2: the store's snapshot version at enrollment. A timestamp or snapshot older
    #: than it is refused, so a feed recorded before the enrollment cannot be replayed to this
    #: kiosk even while it has never synced (0: no floor, as for kiosks enrolled before it existed).
    min_snapshot_version: int = field(
        default=0, metadata=check(lambda v: 0 <= v <= 2**53, "a snapshot version (0 to 2^53; 0: none)")
    )
    poll_interval: float = field(default=60.0, metadata=between(5, 86400, "seconds"))
    #: Seconds to wait for the store to connect or to send the next bytes before giving up.
    timeout: float = field(default=30.0, metadata=between(0.1, 600, "seconds"))
    #: Seconds between rounds that upload waiting feedback (a visitor's submission is sent
    #: at once; this is for what waited through a failure). Failures back off on their own.
    upload_interval: float = field(default=30.0, metadata=between(5, 3600, "seconds"))


@dataclass(frozen=True, slots=True)
class ContactConfig:
    """The published channels for opinions, shown beside the opinion box; with the office's
    name and hours, also what both screens show while there is no item to show."""

    email: str = field(default="", metadata=about("the office's address for opinions"))
    telephone: str = field(default="", metadata=about("the office's telephone number for opinions"))
    office: str = field(
        default="", metadata=about("the office's name, shown on both screens while the kiosk has no item to show")
    )
    hours: str = field(default="", metadata=about("the office's opening hours as visitors read them, shown with it"))


def _reason_options(options: tuple[str, ...]) -> bool:
    return len(options) <= 8 and len(set(options)) == len(options) and all(0 < len(o.strip()) <= 20 for o in options)


@dataclass(frozen=True, slots=True)
class FeedbackConfig:
    """The opinion box: length limits, the per-visit rate limit and the kiosk-wide flood guard, low-rating reasons.

    It is the kiosk's :class:`kiosk.feedback.LengthLimits` and :class:`kiosk.outbox.Rate`:
    the form and the outbox may check a record against it directly.
    """

    min_length: int = field(
        default=5,
        metadata=between(
            fb.TEXT_FLOOR,
            100,
            "a number of characters",
            doc="written feedback has at least this many characters (as visitors count them)",
        ),
    )
    #: The upper bound is the store's own ceiling: a kiosk never accepts what the store refuses.
    max_length: int = field(
        default=500, metadata=between(10, fb.TEXT_CEILING, "a number of characters", doc="…and at most this many")
    )
    #: Per visit: the idle reset starts a new one, so a visitor never waits for the one before.
    min_interval: float = field(
        default=30.0, metadata=between(0, 3600, "seconds", doc="seconds between two submissions in one visit")
    )
    #: The kiosk-wide flood guard, whatever the visits; well above what visitors reach.
    per_hour: int = field(
        default=60,
        metadata=between(
            1, 3600, "a number", doc="at most this many submissions an hour from this kiosk (flood guard)"
        ),
    )
    low_rating_reasons: tuple[str, ...] = field(
        default=("办事效率低", "公开内容不清楚", "信息不及时", "服务态度差"),
        metadata=check(
            _reason_options,
            "at most 8 different reasons of 1 to 20 characters each",
            doc="reasons offered after a low rating (a visitor may also type one)",
        ),
    )
    follow_up_days: int = field(
        default=fb.FOLLOW_UP_DAYS,
        metadata=between(
            *fb.FOLLOW_UP_RANGE,
            "working days",
            doc="working days within which the office answers; the thank-you page says so",
        ),
    )

    def __post_init__(self) -> None:
        if self.max_length < self.min_length:
            raise ValueError(f"max_length ({self.max_length}) must not be less than min_length ({self.min_length})")


@dataclass(frozen=True, slots=True)
class AdminConfig:
    """The administrator's overlay on the touch screen: its hidden gesture, PIN pad and idle lock."""

    taps: int = field(
        default=5,
        metadata=between(3, 10, "a number of taps", doc="taps in the top-right corner that open the PIN pad"),
    )
    tap_window: float = field(default=3.0, metadata=between(1, 10, "seconds", doc="…all within this many seconds"))
    attempts: int = field(
        default=5, metadata=between(1, 20, "a number of PINs", doc="wrong PINs in a row that lock the pad")
    )
    lockout: float = field(
        default=300.0, metadata=between(10, 86400, "seconds", doc="seconds the pad stays locked after them")
    )
    idle_timeout: float = field(
        default=60.0,
        metadata=between(
            10, 3600, "seconds", doc="seconds without a touch before the overlay (or its PIN pad) locks and closes"
        ),
    )


@dataclass(frozen=True, slots=True)
class UsageConfig:
    """Anonymous use of the touch screen and proof of play on the wall (:mod:`kiosk.usage`)."""

    #: Below 2 a count of one visit would leave the kiosk as it is.
    suppress_below: int = field(
        default=5,
        metadata=between(
            2,
            100,
            "a number of visits",
            doc='counts below this leave the kiosk only as "< N"; a search term, only when this many visits typed it',
        ),
    )


@dataclass(frozen=True, slots=True)
class Config:
    """A kiosk's whole configuration: the top-level keys and one table per concern."""

    state_dir: Path = field(
        default_factory=paths.default_state_dir,
        metadata=about(
            "where the content cache, the feedback outbox and the logs live; relative paths are relative to the file"
        ),
    )
    language: Literal["zh_CN", "en"] = field(default="zh_CN", metadata=about("the interface language"))
    timezone: str = field(
        default=DEFAULT_TIMEZONE,
        metadata=check(
            _valid_zone,
            f'an IANA time zone such as "{DEFAULT_TIMEZONE}"',
            doc="every date and time a visitor reads, office hours and dayparts",
        ),
    )
    idle_timeout: float = field(
        default=90.0,
        metadata=between(
            10, 3600, "seconds", doc="seconds without a touch before the touch screen returns to its attract loop"
        ),
    )
    # The ageing-friendly guideline for apps (MIIT 2021, 《移动互联网应用（APP）适老化通用设计
    # 规范》, "sufficient time to operate") asks enough time for a visitor to finish before
    # the screen changes: care mode waits four minutes, not ninety seconds.
    care_idle_timeout: float = field(
        default=240.0,
        metadata=between(
            10,
            3600,
            "seconds",
            doc="the same in care mode (关怀模式), longer: elderly visitors read and type more slowly",
        ),
    )
    idle_warning: float = field(
        default=10.0,
        metadata=between(
            3,
            60,
            "seconds",
            doc="how long before the idle reset the touch screen counts down, with a button to stay "
            "(at most half the idle time)",
        ),
    )
    screens: tuple[ScreenConfig, ...] = field(
        default=(ScreenConfig(role="touch", screen=0), ScreenConfig(role="signage", screen=1)),
        metadata=check(bool, "at least one [[screens]] table", doc="one table per physical screen"),
    )
    store: StoreConfig = field(
        default_factory=StoreConfig,
        metadata=about("the central store this kiosk syncs from; without a url the kiosk shows the bundled demo pack"),
    )
    contact: ContactConfig = field(
        default_factory=ContactConfig,
        metadata=about("the published channels for opinions, shown beside the opinion box"),
    )
    feedback: FeedbackConfig = field(default_factory=FeedbackConfig, metadata=about("the opinion box"))
    signage: SignageConfig = field(default_factory=SignageConfig, metadata=about("the LED display"))
    usage: UsageConfig = field(
        default_factory=UsageConfig, metadata=about("anonymous use counts and what of them leaves the kiosk")
    )
    admin: AdminConfig = field(
        default_factory=AdminConfig,
        metadata=about("the administrator's overlay (its PIN is set with `kiosk set-pin`)"),
    )
    categories: tuple[Category, ...] = field(
        default=(),
        metadata=check(
            unique_keys, "entries with unique keys", doc="replace the shipped categories (config/catalog.toml)"
        ),
    )
    units: tuple[Unit, ...] = field(
        default=(),
        metadata=check(
            unique_keys, "entries with unique keys", doc="replace the shipped disclosing units (config/catalog.toml)"
        ),
    )
    #: Where this configuration came from, for messages; not a key.
    source: Path | None = field(default=None, init=False, compare=False)

    @property
    def catalog(self) -> Catalog:
        default = default_catalog()
        return Catalog(categories=self.categories or default.categories, units=self.units or default.units)

    @property
    def cache_file(self) -> Path:
        return self.state_dir / "cache.sqlite3"

    @property
    def outbox_file(self) -> Path:
        return self.state_dir / "outbox.sqlite3"

    @property
    def uses_store(self) -> bool:
        return bool(self.store.url)


def load(path: Path | None = None) -> Config:
    """The configuration in ``path`` (default ``config/kiosk.toml``), validated."""
    path = Path(path) if path is not None else paths.DEFAULT_CONFIG_FILE
    try:
        with open(path, "rb") as f:
            table = tomllib.load(f)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a directory, expected a TOML file") from None
    except PermissionError:
        raise ConfigError(f"{path}: cannot read this file (permission denied)") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read this file ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not valid TOML (the file is not UTF-8 text)") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    except RecursionError:
        # tomllib parses nested arrays and inline tables recursively: a few kilobytes of
        # brackets exhaust Python's stack. No configuration of ours nests more than 3 deep.
        raise ConfigError(f"{path}: not valid TOML (arrays or tables nested too deeply)") from None
    config = from_table(table, path)
    return config


def from_table(table: dict[str, Any], source: Path | None = None) -> Config:
    """A configuration from an already parsed table; ``source`` names it in errors."""
    try:
        config = build(Config, table)
        # Validate the catalogue now, so a bad [[categories]] fails at start, not at first use.
        keys = {c.key for c in config.catalog.categories}
        for i, rule in enumerate(config.signage.dayparts):
            unknown = [c for c in rule.categories if c not in keys]
            if unknown:
                raise SchemaError(
                    f"signage.dayparts[{i}].categories",
                    f"unknown category {unknown[0]!r} (known: {', '.join(sorted(keys))})",
                )
    except SchemaError as exc:
        raise ConfigError(f"{source or '<configuration>'}: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{source or '<configuration>'}: values nested too deeply") from None
    if config.state_dir and not config.state_dir.is_absolute() and source is not None:
        # Relative paths are relative to the configuration file, not to wherever it was run from.
        config = replace(config, state_dir=(source.parent / config.state_dir).resolve())
    object.__setattr__(config, "source", source)
    return config
