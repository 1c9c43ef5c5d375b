"""Logging set-up: a rotating file under the state directory, warnings also on stderr.

The log folder is 0700 and every log file, rotated ones included, 0600 whatever the umask:
log lines name feedback references and stores.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import sys
from pathlib import Path

from kiosk import paths

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup(state_dir: Path | None, *, verbose: bool = False) -> Path | None:
    """Send log records to ``state_dir/logs/kiosk.log``; returns the file, or None if unwritable."""
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(root.handlers):
        if getattr(handler, "_kiosk", False):
            root.removeHandler(handler)
            handler.close()
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(logging.Formatter("kiosk: %(levelname)s: %(message)s"))
    console._kiosk = True  # type: ignore[attr-defined]
    root.addHandler(console)
    if state_dir is None:
        return None
    log_file = state_dir / "logs" / "kiosk.log"
    try:
        paths.private_dir(log_file.parent)
        # A kiosk runs for months: cap the log at 5 x 2 MB.
        handler = _PrivateRotatingFileHandler(log_file, maxBytes=2_000_000, backupCount=4, encoding="utf-8")
    except OSError as exc:
        logging.getLogger(__name__).warning("cannot write the log file %s (%s); logging to stderr only", log_file, exc)
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    handler._kiosk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return log_file


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Opens (and, after each rotation, reopens) its file owner-only."""

    def _open(self) -> io.TextIOWrapper:
        stream = open(
            self.baseFilename, self.mode, encoding=self.encoding, errors=self.errors, opener=paths.private_opener
        )
        assert isinstance(stream, io.TextIOWrapper)  # a text mode: the handler never opens bytes
        return stream

    def handleError(self, record: logging.LogRecord) -> None:
        # A full or read-only disk must not spray logging's own tracebacks over stderr:
        # the record is lost, the failure it describes still gets its one line there.
        pass
