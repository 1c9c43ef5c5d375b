"""What only Qt can tell ``kiosk doctor``: the screens it sees, as JSON on stdout.

Run as ``python -m kiosk.qt.probe screens`` so the plain doctor never imports Qt, and a
display that cannot be opened costs the probe, not the doctor.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtGui import QGuiApplication


def main(argv: list[str]) -> int:
    if argv != ["screens"]:
        print("usage: python -m kiosk.qt.probe screens", file=sys.stderr)
        return 2
    app = QGuiApplication(sys.argv[:1])
    print(json.dumps({"screens": [screen.name() for screen in app.screens()]}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
