"""The ``kiosk-store`` command: set up a store, manage accounts, items and devices, and serve.

One module per command group: :mod:`.setup` (init, root, store-key, restore, export-feed),
:mod:`.people` (user), :mod:`.items` (item), :mod:`.kiosks` (device, fleet),
:mod:`.opinions` (feedback), :mod:`.auditing` (audit), :mod:`.timeliness` (timeliness),
:mod:`.report` (report), :mod:`.remarks` (remark), :mod:`.serving` (serve); what they
share, including how the acting person proves who they are, is in :mod:`.common`.

Every failure ends with one line on stderr: status 2 for a command line that cannot be
parsed, 1 for anything else (a refused workflow action, a wrong password, a missing key,
an unreachable database). Tracebacks appear only with ``--verbose``. Stored text (titles,
heartbeats, visitors' feedback) is printed through :mod:`kiosk.store.terminal`: control
characters as escapes.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from kiosk import __version__
from kiosk.itemfile import ItemFileError
from kiosk.signing import SigningError
from kiosk.store import audit, supervision
from kiosk.store.accounts import SignInRefused
from kiosk.store.cli import auditing, items, kiosks, opinions, people, remarks, report, serving, setup, timeliness
from kiosk.store.cli.common import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, Parser, authenticate, origin
from kiosk.store.db import DatabaseError, upgrade
from kiosk.store.service import Store, open_store
from kiosk.store.terminal import printable
from kiosk.store.trust_versions import TrustError
from kiosk.store.workflow import WorkflowError

__all__ = ["EXIT_FAILURE", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]

log = logging.getLogger("kiosk.store")

DATABASE_URL_ENV = "KIOSK_STORE_DATABASE_URL"
GROUPS = (setup, people, items, kiosks, opinions, auditing, timeliness, report, remarks, serving)
HANDLERS = {key: handler for group in GROUPS for key, handler in getattr(group, "HANDLERS", {}).items()}


def build_parser() -> argparse.ArgumentParser:
    # Global options are accepted before or after the command (SUPPRESS keeps one from
    # overwriting the other).
    common = Parser(add_help=False)
    common.add_argument(
        "--data",
        type=Path,
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="the store's data directory (store key; the SQLite database by default)",
    )
    common.add_argument(
        "--database-url",
        metavar="URL",
        default=argparse.SUPPRESS,
        help=f"a PostgreSQL database, postgresql+psycopg://USER:PASSWORD@HOST/DB (or ${DATABASE_URL_ENV})",
    )
    common.add_argument(
        "--keys",
        type=Path,
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="approvers' private keys (default $XDG_CONFIG_HOME/lobby-kiosk/keys)",
    )
    common.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=argparse.SUPPRESS,
        help="log details, and tracebacks of failures, to stderr",
    )
    parser = Parser(
        prog="kiosk-store",
        parents=[common],
        description="Lobby Kiosk central store: authoring, approval, publication and the signed feed.",
    )
    parser.add_argument("--version", action="version", version=f"kiosk-store {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=Parser)
    for group in GROUPS:
        group.add(commands, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    verbose = getattr(args, "verbose", False)
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        stream=sys.stderr,
        format="kiosk-store: %(levelname)s: %(message)s",
    )
    if not hasattr(args, "data"):
        print("kiosk-store: --data DIR is required", file=sys.stderr)
        return EXIT_USAGE
    database_url = getattr(args, "database_url", None) or os.environ.get(DATABASE_URL_ENV) or None
    store = None
    try:
        if database_url is None and args.command != "init" and not (args.data / "store.db").exists():
            raise DatabaseError(f"{args.data} holds no store; run: kiosk-store --data {args.data} init")
        store = open_store(args.data, database_url, getattr(args, "keys", None))
        with audit.origin(origin()):
            return _dispatch(args, store)
    except (WorkflowError, DatabaseError, SigningError, ItemFileError, TrustError, SignInRefused) as exc:
        log.debug("failed", exc_info=True)
        print(f"kiosk-store: {printable(exc)}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the last guard: one line, the traceback only when asked for
        log.debug("failed", exc_info=True)
        print(f"kiosk-store: {printable(_describe(exc))}", file=sys.stderr)
        return EXIT_FAILURE
    finally:
        if store is not None:
            store.db.close()


def _role(store: Store, name: str) -> str:
    from kiosk.store.staff import user

    with store.db.read() as session:
        return user(session, name).role


def _describe(exc: Exception) -> str:
    from sqlalchemy.exc import OperationalError

    if isinstance(exc, OperationalError):
        reason = " ".join(str(exc.orig).split())
        return f"cannot use the database: {reason}"
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror or exc}"
    return f"unexpected error: {type(exc).__name__}: {exc} (run with --verbose for details)"


def _dispatch(args: argparse.Namespace, store: Store) -> int:
    if args.command == "init":
        return setup.init(store, args)
    if args.command == "serve":
        return serving.serve(store, args)
    store.check_initialised()
    upgrade(store.db, store.data_dir)  # a store made by an older release (accounts before passwords)
    if getattr(args, "actor", None):
        authenticate(store, args.actor)  # before anything is done in their name
        supervision.check_command(_role(store, args.actor), (args.command, args.action))
    return HANDLERS[(args.command, args.action)](store, args)
