"""``kiosk-store init``, ``root``, ``store-key``, ``restore`` and ``export-feed``: setting a
store up and its root of trust (these need the offline root key, not an account)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.store import feedstate
from kiosk.store.cli.common import EXIT_OK, Parser
from kiosk.store.service import DEFAULT_URL
from kiosk.store.workflow import WorkflowError


def add(commands, common: Parser) -> None:
    init = commands.add_parser("init", parents=[common], help="create the database and the store key")
    init.add_argument("--url", default=DEFAULT_URL, help=f"the URL kiosks reach this store at (default {DEFAULT_URL})")
    init.add_argument(
        "--feed-history",
        type=int,
        default=feedstate.DEFAULT_HISTORY,
        metavar="N",
        help="feed versions of change history kept for deltas (default %(default)s)",
    )
    root_key = Parser(add_help=False)
    root_key.add_argument(
        "--root-key",
        type=Path,
        required=True,
        metavar="FILE",
        help="the offline root key (keep it away from the store; bring it when asked)",
    )
    bounds = Parser(add_help=False)
    for flag, name, text in (
        ("--max-timestamp-lifetime", "timestamp_lifetime", "seconds a timestamp may live (default 86400)"),
        ("--max-metadata-lifetime", "metadata_lifetime", "seconds snapshot, targets and bins may live"),
        ("--root-lifetime", "root_lifetime", "seconds this root (the key sets) lives (default 1 year)"),
        ("--max-version-step", "max_version_step", "how far a version may jump (default 1000000)"),
    ):
        bounds.add_argument(flag, dest=f"bound_{name}", type=int, metavar="N", help=text)
    root = commands.add_parser("root", parents=[common], help="protocol v2: the root of trust").add_subparsers(
        dest="action", required=True, metavar="ACTION", parser_class=Parser
    )
    root.add_parser(
        "init",
        parents=[common, root_key, bounds],
        help="make the offline root key (a new file) and sign the first root",
    )
    sign = root.add_parser(
        "sign",
        parents=[common, root_key, bounds],
        help="sign a new root: today's approvers, publishers and store key reach every kiosk",
    )
    sign.add_argument("--new-root-key", type=Path, metavar="FILE", help="rotate the root key: write a new one here")
    root.add_parser("show", parents=[common], help="the root kiosks pin: version and sha256")
    store_key = commands.add_parser("store-key", parents=[common], help="the store's online key").add_subparsers(
        dest="action", required=True, metavar="ACTION", parser_class=Parser
    )
    store_key.add_parser("rotate", parents=[common, root_key], help="a new online key, announced by a new root")
    restore = commands.add_parser(
        "restore", parents=[common], help="after restoring the database from a backup"
    ).add_subparsers(dest="action", required=True, metavar="ACTION", parser_class=Parser)
    restore.add_parser(
        "confirm", parents=[common], help="let a restored store serve again (kiosks see the fork and re-sync)"
    )
    export = commands.add_parser("export-feed", parents=[common], help="write the v2 feed as static files")
    export.add_argument("directory", type=Path, metavar="DIR")
    export.add_argument("action", nargs="?", default="export", help=argparse.SUPPRESS)


def init(store, args) -> int:
    if args.feed_history < 1:
        raise WorkflowError("--feed-history must be 1 or more")
    print(store.init(url=args.url, history=args.feed_history))
    return EXIT_OK


def _print_pin(pin: tuple[int, str]) -> None:
    print(f'root_version = {pin[0]}\nroot_sha256 = "{pin[1]}"')


def _bounds(args) -> dict[str, int]:
    given = {k.removeprefix("bound_"): v for k, v in vars(args).items() if k.startswith("bound_") and v is not None}
    for name, value in given.items():
        if value < 1:
            raise WorkflowError(f"--{name.replace('_', '-')} must be 1 or more")
    return given


def _root_init(store, args) -> int:
    _print_pin(store.init_root(args.root_key, _bounds(args)))
    print(
        f"the root key is {args.root_key}: move it off this machine and keep it safe; "
        "bring it back only to sign a new root",
        file=sys.stderr,
    )
    return EXIT_OK


def _root_sign(store, args) -> int:
    _print_pin(store.sign_root(args.root_key, args.new_root_key, _bounds(args)))
    return EXIT_OK


def _root_show(store, args) -> int:
    _print_pin(store.root_pin())
    return EXIT_OK


def _store_key_rotate(store, args) -> int:
    _print_pin(store.rotate_store_key(args.root_key))
    return EXIT_OK


def _restore_confirm(store, args) -> int:
    floor = store.confirm_restore()
    print(f"the store serves again; its next versions start above {floor}", file=sys.stderr)
    return EXIT_OK


def _export_feed(store, args) -> int:
    from kiosk.store.export import export_feed

    print(export_feed(store, args.directory))
    return EXIT_OK


HANDLERS = {
    ("root", "init"): _root_init,
    ("root", "sign"): _root_sign,
    ("root", "show"): _root_show,
    ("store-key", "rotate"): _store_key_rotate,
    ("restore", "confirm"): _restore_confirm,
    ("export-feed", "export"): _export_feed,
}
