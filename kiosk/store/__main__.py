"""``python -m kiosk.store`` runs the same command line as the ``kiosk-store`` script."""

from kiosk.store.cli import main

raise SystemExit(main())
