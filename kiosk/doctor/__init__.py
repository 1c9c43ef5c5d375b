"""``kiosk doctor``: can this machine run the kiosk? One line per check, and how to mend it.

Each check returns a :class:`Result`: ``ok``, ``warn`` (cannot be checked from here, or
worth a look; does not fail the run) or ``fail`` (the kiosk will not work as it should).
The exit status is 1 when any check failed. Nothing here imports Qt: what only Qt can tell
(the screens it sees) comes from a probe run as a subprocess (kiosk.qt.probe).

The checks of this machine are in :mod:`.machine`, those of the store in
:mod:`.store_checks`; this module runs them in order and prints one line each.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from kiosk.config import Config
from kiosk.doctor.machine import (
    check_database,
    check_disk,
    check_fonts,
    check_keyboard_plugin,
    check_platform_plugin,
    check_screens,
    check_service,
    check_state_dir,
)
from kiosk.doctor.result import Result, short_error
from kiosk.doctor.store_checks import check_store

CHECKS: dict[str, Callable[[Config], Result | list[Result]]] = {
    "fonts": check_fonts,
    "qt-platform": check_platform_plugin,
    "keyboard": check_keyboard_plugin,
    "screens": check_screens,
    "store": check_store,
    "disk": check_disk,
    "state-dir": check_state_dir,
    "cache": lambda c: check_database("cache", c.cache_file, "delete it: the kiosk rebuilds the cache from the store"),
    "outbox": lambda c: check_database(
        "outbox",
        c.outbox_file,
        "move it aside and keep it: it holds feedback not yet uploaded; the kiosk starts a new one",
    ),
    "service": check_service,
}


def run(config: Config, skip: Sequence[str] = ()) -> list[Result]:
    results: list[Result] = []
    for name, check in CHECKS.items():
        if name in skip:
            continue
        try:
            outcome = check(config)
        except Exception as exc:  # a check that breaks is one line, never a traceback
            outcome = Result(
                name,
                "fail",
                f"the check itself failed: {short_error(exc)}",
                "report this line to the kiosk's maintainers",
            )
        results.extend(outcome if isinstance(outcome, list) else [outcome])
    return results


def main(config: Config, skip: Sequence[str] = ()) -> int:
    unknown = sorted(set(skip) - set(CHECKS))
    if unknown:
        print(f"kiosk doctor: unknown check {unknown[0]!r} (checks: {', '.join(CHECKS)})", file=sys.stderr)
        return 2
    results = run(config, skip)
    for result in results:
        print(result.line(), flush=True)
    failed = [r.name for r in results if r.status == "fail"]
    print(f"kiosk doctor: {len(failed)} failed" + (f" ({', '.join(failed)})" if failed else ""))
    return 1 if failed else 0
