"""The ``kiosk-store`` command (the script and ``python -m kiosk.store``).

The command line lives in :mod:`kiosk.store.cli`. Every store command needs the store part
(the server stack, the migrations, the PostgreSQL driver): without it this door says so in
one line, status 1, before any of it is imported.
"""

from __future__ import annotations

import sys

from kiosk import extras
from kiosk.exits import EXIT_FAILURE


def main(argv: list[str] | None = None) -> int:
    missing = extras.first_missing("store")
    if missing is not None:
        print(f"kiosk-store: {extras.install_line(missing, 'store')}", file=sys.stderr)
        return EXIT_FAILURE
    from kiosk.store import cli

    return cli.main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
