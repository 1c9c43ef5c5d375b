"""The ``kiosk`` command (the script and ``python -m kiosk``).

The command line lives in :mod:`kiosk.cli`; this door imports it, so that a kiosk part not
installed (its modules are imported with the command line, or by a command) is one line
saying what to install, and status 1, never a traceback.
"""

from __future__ import annotations

import sys

from kiosk import extras
from kiosk.exits import EXIT_FAILURE


def main(argv: list[str] | None = None) -> int:
    try:
        from kiosk import cli

        return cli.main(argv)
    except ModuleNotFoundError as exc:
        line = extras.missing_line(exc)
        if line is None:
            raise
        print(f"kiosk: {line}", file=sys.stderr)
        return EXIT_FAILURE


if __name__ == "__main__":
    raise SystemExit(main())
