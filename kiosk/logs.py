"""Logging set-up: a rotating file under the state directory, and a console stream.

The log folder is 0700 and every log file, rotated ones included, 0600 whatever the umask:
log lines name feedback references and stores.

The long-running commands (the screens, the sync service) write every event to stdout as
well, one line each, which is what the systemd journal collects from a service: no
timestamp (the journal adds its own), a ``<N>`` syslog priority prefix when stdout is the
journal (systemd reads it as the line's priority), line breaks and other control
characters escaped, and a failure's traceback reduced to its last line (the file keeps it
whole). The other commands print their results on stdout, so they log warnings to stderr.

No log line may hold personal data: feedback is logged by its reference only, never by
its text or the visitor's name or telephone.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
import sys
from pathlib import Path

from kiosk import paths

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


#: A kiosk runs for months: the log is capped at 5 x 2 MB.
MAX_BYTES = 2_000_000
BACKUPS = 4

#: syslog priorities, for the prefix systemd's journal reads on a service's stdout.
_PRIORITY = {logging.DEBUG: 7, logging.INFO: 6, logging.WARNING: 4, logging.ERROR: 3, logging.CRITICAL: 2}

#: Control characters (C0, DEL, C1) and the Unicode line and paragraph separators.
_CONTROL = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))} | {
    0x0A: "\\n",
    0x0D: "\\r",
    0x09: "\\t",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def one_line(text: str) -> str:
    """``text`` with every control character escaped: it cannot start a line of its own."""
    return text.translate(_CONTROL)


class EventFormatter(logging.Formatter):
    """One line per record: ``[<N>]LEVEL name: message[ (ExceptionType: message)]``."""

    def __init__(self, *, priority_prefix: bool) -> None:
        super().__init__()
        self.priority_prefix = priority_prefix

    def format(self, record: logging.LogRecord) -> str:
        line = f"{record.levelname} {record.name}: {record.getMessage()}"
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            line += f" ({type(exc).__name__}: {exc})"
        line = one_line(line)
        if self.priority_prefix:
            line = f"<{_PRIORITY.get(record.levelno, 6)}>{line}"
        return line


def _stdout_is_journal() -> bool:
    """systemd sets ``JOURNAL_STREAM`` to the device and inode of the stream it connected."""
    stream = os.environ.get("JOURNAL_STREAM", "")
    try:
        device, inode = (int(part) for part in stream.split(":"))
        st = os.fstat(sys.stdout.fileno())
    except (ValueError, OSError, AttributeError):
        return False
    return (st.st_dev, st.st_ino) == (device, inode)


def setup(state_dir: Path | None, *, verbose: bool = False, events_to_stdout: bool = False) -> Path | None:
    """Send log records to ``state_dir/logs/kiosk.log``; returns the file, or None if unwritable.

    ``events_to_stdout``: also every event (debug ones too with ``verbose``) to stdout, one
    line each; otherwise warnings only, to stderr.
    """
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    # The scheduler logs two INFO lines each time a job runs (the long-poll, every poll and
    # heartbeat): months of those would bury the kiosk's own events. Its warnings stay.
    logging.getLogger("apscheduler").setLevel(logging.DEBUG if verbose else logging.WARNING)
    for handler in list(root.handlers):
        if getattr(handler, "_kiosk", False):
            root.removeHandler(handler)
            handler.close()
    if events_to_stdout:
        console = logging.StreamHandler(sys.stdout)
        console.setLevel(logging.DEBUG if verbose else logging.INFO)
        console.setFormatter(EventFormatter(priority_prefix=_stdout_is_journal()))
    else:
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
        handler = _PrivateRotatingFileHandler(log_file, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
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
