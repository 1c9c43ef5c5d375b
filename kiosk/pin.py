"""The administrator's PIN: kept only as an Argon2 hash, and a guard against guessing it.

``kiosk set-pin`` writes the hash to ``state_dir/admin-pin`` (owner-only); the admin
overlay checks a typed PIN against it. Argon2 (argon2-cffi's ``PasswordHasher``, its
RFC 9106 parameters) is slow on purpose: checking one PIN takes a noticeable fraction
of a second, so the Qt bridge checks it in a worker, never on the UI thread.

:class:`PinGuard` counts wrong PINs: after ``attempts`` in a row the pad refuses every
PIN, right or wrong, until ``lockout`` seconds have passed on the injected clock.
"""

from __future__ import annotations

import os
import re
from datetime import datetime, timedelta
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from kiosk import paths
from kiosk.clock import Clock

#: File of the hash, in the state directory.
FILE_NAME = "admin-pin"
#: A PIN is typed on a digit pad: 4 to 12 digits.
PIN_PATTERN = re.compile(r"[0-9]{4,12}")
PIN_RULE = "a PIN is 4 to 12 digits"


class PinError(ValueError):
    """A PIN that cannot be set, or a stored hash that cannot be read; ``str()`` is one line."""


def valid(pin: str) -> bool:
    return bool(PIN_PATTERN.fullmatch(pin))


class PinStore:
    """The hash file: set, check, and whether a PIN is set at all."""

    def __init__(self, state_dir: Path) -> None:
        self.path = Path(state_dir) / FILE_NAME
        self._hasher = PasswordHasher()

    def is_set(self) -> bool:
        return self.path.is_file()

    def set(self, pin: str) -> None:
        """Replace the stored hash with that of ``pin`` (atomically, owner-only)."""
        if not valid(pin):
            raise PinError(PIN_RULE)
        digest = self._hasher.hash(pin)
        paths.private_dir(self.path.parent)
        temporary = self.path.with_name(self.path.name + ".new")
        with open(temporary, "wb", opener=paths.private_opener) as handle:
            handle.write(digest.encode("ascii") + b"\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.path)

    def verify(self, pin: str) -> bool:
        """Whether ``pin`` is the stored PIN (slow: call it off the UI thread).

        No PIN set, an unreadable or damaged file: False — the overlay stays shut.
        """
        if not valid(pin):
            return False
        try:
            digest = self.path.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            return False
        try:
            return self._hasher.verify(digest, pin)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False


class PinGuard:
    """Wrong PINs in a row, and the lockout they lead to (times from ``clock``)."""

    def __init__(self, clock: Clock, attempts: int, lockout: float) -> None:
        self._clock = clock
        self.attempts = attempts
        self.lockout = timedelta(seconds=lockout)
        self.failures = 0
        self.locked_until: datetime | None = None

    def locked(self) -> bool:
        if self.locked_until is None:
            return False
        if self._clock.now() >= self.locked_until:
            self.locked_until = None
            self.failures = 0
            return False
        return True

    def seconds_left(self) -> int:
        if not self.locked():
            return 0
        assert self.locked_until is not None
        return max(1, int((self.locked_until - self._clock.now()).total_seconds() + 0.999))

    def failed(self) -> None:
        self.failures += 1
        if self.failures >= self.attempts:
            self.locked_until = self._clock.now() + self.lockout

    def succeeded(self) -> None:
        self.failures = 0
        self.locked_until = None
