"""What the root says beyond TUF: the people's keys and the bounds the store must keep.

TUF's root lists the keys of its four top-level roles. Lobby Kiosk also needs the
approvers' and publishers' keys, and bounds on lifetimes and version steps that the
store's online key cannot widen. They travel in the root's signed body as one extra field
(``x-lobby-kiosk``), so the offline root key signs them and python-tuf keeps them intact:

    {"approvers":  {"NAME": {"key": "<base64 Ed25519>", "until": null | "<ISO instant>"}},
     "publishers": {"NAME": {...}},
     "bounds": {"timestamp_lifetime": 86400, "metadata_lifetime": 31536000,
                "root_lifetime": 31536000, "max_version_step": 1000000}}

A retired person keeps their entry with ``until`` set: statements they signed before
then stay valid (the items they approved stay on screens); nothing they sign later counts.
A key removed from the root counts for nothing, whatever it signed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from kiosk.clock import as_utc

if TYPE_CHECKING:
    from tuf.api.metadata import Root

FIELD = "x-lobby-kiosk"
#: Defaults of the bounds the root sets (the store may issue shorter, never longer).
DEFAULT_BOUNDS = {
    "timestamp_lifetime": 86400,  # a "nothing new" is good for at most a day
    "metadata_lifetime": 366 * 86400,  # snapshot, targets and bins
    "root_lifetime": 366 * 86400,  # the key sets themselves
    "max_version_step": 1_000_000,  # a timestamp or snapshot version may jump at most this far
}


class PolicyError(ValueError):
    """A root whose Lobby Kiosk section is missing or malformed."""


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    key: str
    until: datetime | None = None

    def may_sign_at(self, instant: datetime) -> bool:
        return self.until is None or as_utc(instant) <= self.until

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "until": self.until.isoformat() if self.until else None}


@dataclass(frozen=True, slots=True)
class Bounds:
    timestamp_lifetime: timedelta = timedelta(seconds=DEFAULT_BOUNDS["timestamp_lifetime"])
    metadata_lifetime: timedelta = timedelta(seconds=DEFAULT_BOUNDS["metadata_lifetime"])
    root_lifetime: timedelta = timedelta(seconds=DEFAULT_BOUNDS["root_lifetime"])
    max_version_step: int = DEFAULT_BOUNDS["max_version_step"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "timestamp_lifetime": int(self.timestamp_lifetime.total_seconds()),
            "metadata_lifetime": int(self.metadata_lifetime.total_seconds()),
            "root_lifetime": int(self.root_lifetime.total_seconds()),
            "max_version_step": self.max_version_step,
        }


@dataclass(frozen=True, slots=True)
class Policy:
    approvers: dict[str, Person] = field(default_factory=dict)
    publishers: dict[str, Person] = field(default_factory=dict)
    bounds: Bounds = field(default_factory=Bounds)

    def approver(self, key: str) -> Person | None:
        return _by_key(self.approvers, key)

    def publisher(self, key: str) -> Person | None:
        return _by_key(self.publishers, key)

    def to_dict(self) -> dict[str, Any]:
        return {
            "approvers": {n: p.to_dict() for n, p in sorted(self.approvers.items())},
            "publishers": {n: p.to_dict() for n, p in sorted(self.publishers.items())},
            "bounds": self.bounds.to_dict(),
        }


def _by_key(people: dict[str, Person], key: str) -> Person | None:
    for person in people.values():
        if person.key == key:
            return person
    return None


def from_root(root: Root) -> Policy:
    """The policy a verified :class:`tuf.api.metadata.Root` carries; raises :class:`PolicyError`."""
    return from_dict(root.unrecognized_fields.get(FIELD))


def from_dict(data: Any) -> Policy:
    if not isinstance(data, dict):
        raise PolicyError(f"the root has no {FIELD} section: it is not a Lobby Kiosk root")
    try:
        bounds_data = {**DEFAULT_BOUNDS, **data.get("bounds", {})}
        for name, value in bounds_data.items():
            if name not in DEFAULT_BOUNDS or not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise PolicyError(f"root bound {name!r}: expected a positive whole number, got {value!r}")
        bounds = Bounds(
            timestamp_lifetime=timedelta(seconds=bounds_data["timestamp_lifetime"]),
            metadata_lifetime=timedelta(seconds=bounds_data["metadata_lifetime"]),
            root_lifetime=timedelta(seconds=bounds_data["root_lifetime"]),
            max_version_step=bounds_data["max_version_step"],
        )
        return Policy(
            approvers=_people(data.get("approvers", {})), publishers=_people(data.get("publishers", {})), bounds=bounds
        )
    except (TypeError, ValueError, AttributeError) as exc:
        if isinstance(exc, PolicyError):
            raise
        raise PolicyError(f"the root's {FIELD} section is malformed ({exc})") from None


def _people(data: dict[str, Any]) -> dict[str, Person]:
    people = {}
    for name, entry in data.items():
        until = entry.get("until")
        people[str(name)] = Person(
            name=str(name), key=str(entry["key"]), until=as_utc(datetime.fromisoformat(until)) if until else None
        )
    return people
