"""``kiosk set-pin``: the administrator's PIN, asked for twice, stored only as a hash.

The PIN is never an argument (a command line is visible to every user of the machine and
kept in shell histories) and never logged. From a terminal it is read without echo; from
a pipe (a provisioning script), as the first two lines of standard input.
"""

from __future__ import annotations

import getpass
import logging
import sys

from kiosk import pin as pin_module
from kiosk.config import Config
from kiosk.exits import EXIT_CONFIG, EXIT_OK

log = logging.getLogger("kiosk")


def _ask(prompt: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.rstrip("\r\n")


def set_pin(config: Config) -> int:
    try:
        first = _ask("New PIN (4 to 12 digits): ")
        second = _ask("The same PIN again: ")
    except (EOFError, KeyboardInterrupt):
        print("\nkiosk: no PIN given; nothing changed", file=sys.stderr)
        return EXIT_CONFIG
    if first != second:
        print("kiosk: the two PINs differ; nothing changed", file=sys.stderr)
        return EXIT_CONFIG
    if not pin_module.valid(first):
        print(f"kiosk: {pin_module.PIN_RULE}; nothing changed", file=sys.stderr)
        return EXIT_CONFIG
    store = pin_module.PinStore(config.state_dir)
    store.set(first)
    log.info("admin PIN set")  # that it was set, never what it is
    print(f"kiosk: PIN set (an Argon2 hash in {store.path})")
    return EXIT_OK
