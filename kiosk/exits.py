"""Exit statuses of the ``kiosk`` command line, and the one line each fault gets.

The README's table of statuses is the contract; :func:`state_dir_problem` and
:func:`describe` turn the faults a person can meet into one line that says what to do.
"""

from __future__ import annotations

import errno
import logging
import tempfile
from pathlib import Path

from kiosk import paths

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_CONFIG = 2
EXIT_STATE_DIR = 3
EXIT_OUTBOX = 4
#: The administrator asked for a restart: any status the service does not list in
#: ``RestartPreventExitStatus`` is restarted; this one says why in the journal.
EXIT_RESTART = 75
#: The administrator left for the desktop: listed in ``RestartPreventExitStatus``, so the
#: service stays stopped until it is started again.
EXIT_TO_DESKTOP = 5
#: Errors that mean "this folder cannot be written", whoever tries.
NOT_WRITABLE = (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR, errno.EEXIST)


FULL = "free some space and start again"


def state_dir_problem(state_dir: Path) -> str | None:
    """Why the kiosk cannot write its state directory (one line), or None when it can."""
    advice = "set state_dir in the configuration to a writable folder"
    try:
        paths.private_dir(state_dir)
        # Creating a folder can succeed where a file cannot (a read-only bind mount over an
        # existing folder): try what the kiosk will do, write a file.
        with tempfile.TemporaryFile(dir=state_dir, prefix=".probe-"):
            pass
    except OSError as exc:
        if exc.errno == errno.EROFS:
            return f"the state directory {state_dir} is on a read-only file system; {advice}"
        if exc.errno == errno.ENOSPC:
            return f"the state directory {state_dir}: the disk is full; {FULL}"
        if exc.errno in (errno.EACCES, errno.EPERM):
            return f"the state directory {state_dir} is not writable by this user (permission denied); {advice}"
        if exc.errno in (errno.ENOTDIR, errno.EEXIST):
            return f"the state directory {state_dir} is not a folder (a file is in the way); {advice}"
        return f"cannot use the state directory {state_dir}: {exc.strerror or exc}; {advice}"
    return None


def one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 300 else text[:300] + "…"


def log_to_file_only(log_file: Path, exc: BaseException) -> None:
    """The traceback of an unexpected error, for the log file and not the console."""
    record = logging.LogRecord(
        "kiosk", logging.ERROR, __file__, 0, "unexpected error", None, (type(exc), exc, exc.__traceback__)
    )
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.FileHandler):
            handler.handle(record)


def describe(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        if exc.errno == errno.ENOSPC:
            return f"{where}the disk is full; nothing stored was changed. Free some space and start again."
        if exc.errno == errno.EROFS:
            return f"{where}on a read-only file system; check state_dir in the configuration."
        if exc.errno in (errno.EACCES, errno.EPERM):
            return f"{where}not writable ({exc.strerror}); check state_dir in the configuration."
        return f"{where}{exc.strerror or exc}"
    return one_line(exc)
