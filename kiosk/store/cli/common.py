"""What every ``kiosk-store`` command group shares: the parser class, the global options,
printing records, and the acting person's credentials.

The command line needs the acting person's password, as the console does: ``--as NAME``
alone would let anyone who can run the command act as anyone (an author could make
themselves an approver account and approve their own item). The password is typed at the
terminal when there is one, or given in ``$KIOSK_STORE_PASSWORD`` for scripts (an
environment variable, never an argument: arguments are visible to every user in the
process list). It is checked like a console sign-in — the same Argon2 hash, the same
lockout, audited — so one account has one credential and one lockout everywhere. A key
file was the other candidate, but authors have none, and a key file only proves who may
sign, not who is at the keyboard; approvers and admins still sign with theirs.
"""

from __future__ import annotations

import argparse
import getpass
import os
import socket
import sys
from datetime import datetime
from typing import NoReturn

from kiosk.store.terminal import dumps, printable
from kiosk.store.workflow import WorkflowError

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
PASSWORD_ENV = "KIOSK_STORE_PASSWORD"
#: A new account's (or a reset) password, for scripts; else it is typed twice.
NEW_PASSWORD_ENV = "KIOSK_STORE_NEW_PASSWORD"


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message}\n")


def instant(text: str) -> datetime:
    """An ISO 8601 instant with its offset (a key's expiry is an instant, not a local date)."""
    try:
        found = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 instant: {text!r}") from None
    if found.tzinfo is None:
        raise argparse.ArgumentTypeError(f"{text!r} has no UTC offset (e.g. 2027-06-30T18:00:00+08:00)")
    return found


def actor_options(required: bool = True) -> Parser:
    actor = Parser(add_help=False)
    actor.add_argument(
        "--as",
        dest="actor",
        required=required,
        metavar="NAME",
        help=f"the account acting (its password is asked for, or read from ${PASSWORD_ENV})",
    )
    return actor


def origin() -> str:
    """Where a command-line action comes from, for the audit log."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid())
    return f"cli:{user}@{socket.gethostname()}"[:64]


def password_of(name: str) -> str:
    given = os.environ.get(PASSWORD_ENV)
    if given is not None:
        return given
    if sys.stdin.isatty():
        return getpass.getpass(f"{name}'s password: ")
    raise WorkflowError(f"{name}'s password is needed: type it at a terminal, or set ${PASSWORD_ENV} for a script")


def new_password(name: str) -> str:
    given = os.environ.get(NEW_PASSWORD_ENV)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise WorkflowError(
            f"a password for {name} is needed: type it at a terminal, or set ${NEW_PASSWORD_ENV} for a script"
        )
    first = getpass.getpass(f"new password for {name}: ")
    if getpass.getpass("again: ") != first:
        raise WorkflowError("the two passwords differ")
    return first


def authenticate(store, name: str) -> str:
    """``name`` once their password is checked (failures counted and audited); else WorkflowError."""
    from kiosk.store.accounts import SignInRefused

    try:
        store.check_password(name, password_of(name), origin())
    except SignInRefused as exc:
        raise WorkflowError(f"{name}: {exc}") from None
    return name


def print_json(value) -> None:
    sys.stdout.write(dumps(value) + "\n")


def line(*fields) -> None:
    """One record of a listing: its fields, each made printable, separated by tabs."""
    print("\t".join(printable(f) for f in fields))


def said(text: str) -> None:
    """What a command did, for the person (stderr: stdout stays for what scripts capture)."""
    print(text, file=sys.stderr)
