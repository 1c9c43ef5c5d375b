"""The ``kiosk-store`` command: set up a store, manage accounts, items and devices, and serve.

Every failure ends with one line on stderr: status 2 for a command line that cannot be
parsed, 1 for anything else (a refused workflow action, a missing key, an unreachable
database). Tracebacks appear only with ``--verbose``. Stored text (titles, heartbeats,
visitors' feedback) is printed through :mod:`.terminal`: control characters as escapes.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import os
import socket
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import NoReturn

from kiosk import __version__
from kiosk.itemfile import ItemFileError
from kiosk.signing import SigningError
from kiosk.store import devices, feedstate, files
from kiosk.store.db import DatabaseError, upgrade
from kiosk.store.limits import ServeLimits
from kiosk.store.service import DEFAULT_URL, Store, open_store
from kiosk.store.terminal import dumps, printable
from kiosk.store.trust_repo import TrustError
from kiosk.store.workflow import ROLES, WorkflowError

log = logging.getLogger("kiosk.store")

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
DATABASE_URL_ENV = "KIOSK_STORE_DATABASE_URL"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message}\n")


def _instant(text: str) -> datetime:
    """An ISO 8601 instant with its offset (a key's expiry is an instant, not a local date)."""
    try:
        found = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 instant: {text!r}") from None
    if found.tzinfo is None:
        raise argparse.ArgumentTypeError(f"{text!r} has no UTC offset (e.g. 2027-06-30T18:00:00+08:00)")
    return found


def build_parser() -> argparse.ArgumentParser:
    # Global options are accepted before or after the command (SUPPRESS keeps one from
    # overwriting the other).
    common = _Parser(add_help=False)
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

    parser = _Parser(
        prog="kiosk-store",
        parents=[common],
        description="Lobby Kiosk central store: authoring, approval, publication and the signed feed.",
    )
    parser.add_argument("--version", action="version", version=f"kiosk-store {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    init = commands.add_parser("init", parents=[common], help="create the database and the store key")
    init.add_argument("--url", default=DEFAULT_URL, help=f"the URL kiosks reach this store at (default {DEFAULT_URL})")
    init.add_argument(
        "--feed-history",
        type=int,
        default=feedstate.DEFAULT_HISTORY,
        metavar="N",
        help="feed versions of change history kept for deltas (default %(default)s)",
    )

    user = commands.add_parser("user", parents=[common], help="accounts").add_subparsers(
        dest="action", required=True, metavar="ACTION", parser_class=_Parser
    )
    user_add = user.add_parser("add", parents=[common], help="add an account")
    user_add.add_argument("name")
    user_add.add_argument("--role", required=True, choices=ROLES)
    user.add_parser("list", parents=[common], help="list accounts").add_argument("--json", action="store_true")
    user_retire = user.add_parser(
        "retire", parents=[common], help="the account may no longer sign (what it signed stays)"
    )
    user_retire.add_argument("name")
    user_retire.add_argument(
        "--until", type=_instant, metavar="INSTANT", help="its key expires then (ISO 8601 with offset) rather than now"
    )
    user.add_parser("key", parents=[common], help="a key pair for an approver or admin who has none yet").add_argument(
        "name"
    )

    root_key = _Parser(add_help=False)
    root_key.add_argument(
        "--root-key",
        type=Path,
        required=True,
        metavar="FILE",
        help="the offline root key (keep it away from the store; bring it when asked)",
    )
    bounds = _Parser(add_help=False)
    for flag, name, text in (
        ("--max-timestamp-lifetime", "timestamp_lifetime", "seconds a timestamp may live (default 86400)"),
        ("--max-metadata-lifetime", "metadata_lifetime", "seconds snapshot, targets and bins may live"),
        ("--root-lifetime", "root_lifetime", "seconds this root (the key sets) lives (default 1 year)"),
        ("--max-version-step", "max_version_step", "how far a version may jump (default 1000000)"),
    ):
        bounds.add_argument(flag, dest=f"bound_{name}", type=int, metavar="N", help=text)
    root = commands.add_parser("root", parents=[common], help="protocol v2: the root of trust").add_subparsers(
        dest="action", required=True, metavar="ACTION", parser_class=_Parser
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
        dest="action", required=True, metavar="ACTION", parser_class=_Parser
    )
    store_key.add_parser("rotate", parents=[common, root_key], help="a new online key, announced by a new root")
    restore = commands.add_parser(
        "restore", parents=[common], help="after restoring the database from a backup"
    ).add_subparsers(dest="action", required=True, metavar="ACTION", parser_class=_Parser)
    restore.add_parser(
        "confirm", parents=[common], help="let a restored store serve again (kiosks see the fork and re-sync)"
    )
    export = commands.add_parser("export-feed", parents=[common], help="write the v2 feed as static files")
    export.add_argument("directory", type=Path, metavar="DIR")
    export.add_argument("action", nargs="?", default="export", help=argparse.SUPPRESS)

    item = commands.add_parser("item", parents=[common], help="items and their workflow").add_subparsers(
        dest="action", required=True, metavar="ACTION", parser_class=_Parser
    )
    actor = _Parser(add_help=False)
    actor.add_argument("--as", dest="actor", required=True, metavar="NAME", help="the account acting")
    add = item.add_parser("add", parents=[common, actor], help="add an item from a Markdown file; prints its id")
    add.add_argument("file", type=Path)
    edit = item.add_parser("edit", parents=[common, actor], help="a new revision of an item (a draft)")
    edit.add_argument("id")
    edit.add_argument("file", type=Path)
    for action, text in (
        ("submit", "submit the draft for approval"),
        ("approve", "approve the submitted revision, signing it with your key"),
        ("publish", "publish the approved revision"),
        ("withdraw", "take the item off every screen"),
    ):
        item.add_parser(action, parents=[common, actor], help=text).add_argument("id")
    item.add_parser("list", parents=[common], help="list items").add_argument("--json", action="store_true")
    item.add_parser(
        "sign-publications",
        parents=[common, actor],
        help="protocol v2 migration: sign publication statements for items published before",
    )

    device = commands.add_parser("device", parents=[common], help="enrolled kiosks").add_subparsers(
        dest="action", required=True, metavar="ACTION", parser_class=_Parser
    )
    enroll = device.add_parser("enroll", parents=[common], help="enroll a kiosk; prints its [store] table")
    enroll.add_argument("name")
    enroll.add_argument("--url", help="the URL this kiosk reaches the store at (default: the store's)")
    device.add_parser("revoke", parents=[common], help="revoke a kiosk's token").add_argument("name")
    device.add_parser("list", parents=[common], help="list kiosks and their last heartbeat").add_argument(
        "--json", action="store_true"
    )

    fleet = commands.add_parser(
        "fleet",
        parents=[common],
        help="enrolled kiosks, marking the silent, those behind the feed, and undelivered feedback",
    )
    fleet.add_argument("--json", action="store_true")
    fleet.add_argument(
        "--silent-after",
        type=float,
        metavar="SECONDS",
        default=devices.SILENT_AFTER.total_seconds(),
        help="a kiosk without a heartbeat for longer is silent (default %(default)g; "
        f"{devices.SILENT_AFTER_BOUNDS[0]} to {devices.SILENT_AFTER_BOUNDS[1]})",
    )
    fleet.add_argument("action", nargs="?", default="show", help=argparse.SUPPRESS)

    opinions = commands.add_parser(
        "feedback", parents=[common], help="visitors' feedback from the kiosks"
    ).add_subparsers(dest="action", required=True, metavar="ACTION", parser_class=_Parser)
    listing = opinions.add_parser("list", parents=[common], help="list feedback, newest first (no contact data)")
    listing.add_argument("--json", action="store_true")
    listing.add_argument(
        "--status",
        choices=("open", "overdue", "unresolved", "resolved", "no-follow-up"),
        help="only records in this state",
    )
    show = opinions.add_parser("show", parents=[common], help="one record, contact data included")
    show.add_argument("key", metavar="ID|REFERENCE")
    show.add_argument("--json", action="store_true")
    resolve = opinions.add_parser("resolve", parents=[common, actor], help="mark a record as answered")
    resolve.add_argument("key", metavar="ID|REFERENCE")
    resolve.add_argument("--note", default="", help="how it was answered")
    export = opinions.add_parser("export", parents=[common], help="every record as CSV (UTF-8 with BOM)")
    export.add_argument("--output", "-o", type=Path, metavar="FILE", help="write here instead of stdout")
    policy = opinions.add_parser("policy", parents=[common], help="set the follow-up time of new records")
    policy.add_argument(
        "--follow-up-days",
        type=int,
        required=True,
        metavar="N",
        help="working days to answer low ratings and written opinions (default 15)",
    )

    serve = commands.add_parser("serve", parents=[common], help="serve the protocol over HTTP")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8470, help="0 picks a free port")
    serve.add_argument(
        "--feedback-burst",
        type=float,
        default=100.0,
        metavar="N",
        help="feedback uploads one kiosk may make at once (default %(default)g)",
    )
    serve.add_argument(
        "--feedback-rate",
        type=float,
        default=5.0,
        metavar="R",
        help="then at most this many per second; more get 429 (default %(default)g)",
    )
    serve.add_argument(
        "--poll-interval",
        type=float,
        default=None,
        metavar="S",
        help="seconds between checks of the database for versions made elsewhere "
        "(default 0.2 on SQLite, 1 on PostgreSQL, where NOTIFY wakes long-polls at once)",
    )
    for limit in dataclasses.fields(ServeLimits):  # every bound of the serving process, declared once
        serve.add_argument(
            "--" + limit.name.replace("_", "-"),
            type=type(limit.default),
            default=limit.default,
            metavar="N",
            help=f"{limit.metadata['help']} (default %(default)s)",
        )
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
        return _dispatch(args, store)
    except (WorkflowError, DatabaseError, SigningError, ItemFileError, TrustError) as exc:
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
        if args.feed_history < 1:
            raise WorkflowError("--feed-history must be 1 or more")
        print(store.init(url=args.url, history=args.feed_history))
        return EXIT_OK
    if args.command == "serve":
        if args.feedback_burst < 1 or args.feedback_rate <= 0:
            raise WorkflowError("--feedback-burst must be 1 or more and --feedback-rate above 0")
        if args.poll_interval is not None and not 0 < args.poll_interval <= 86400:
            raise WorkflowError("--poll-interval must be above 0 and at most 86400 seconds")
        try:
            limits = ServeLimits(**{f.name: getattr(args, f.name) for f in dataclasses.fields(ServeLimits)})
        except ValueError as exc:
            raise WorkflowError(f"--{exc}") from None
        return _serve(store, args.host, args.port, args.feedback_burst, args.feedback_rate, limits, args.poll_interval)
    store.check_initialised()
    handler = _HANDLERS[(args.command, args.action)]
    return handler(store, args)


def _user_add(store: Store, args) -> int:
    key_file = store.add_user(args.name, args.role)
    if key_file:
        print(f"{args.name}'s signing key: {key_file}", file=sys.stderr)
        if store.has_root():
            print(
                "kiosks trust this key once the root is signed again: kiosk-store root sign --root-key FILE",
                file=sys.stderr,
            )
    return EXIT_OK


def _user_retire(store: Store, args) -> int:
    store.retire_user(args.name, args.until)
    if store.has_root():
        print(
            "kiosks stop trusting new signatures of this account once the root is signed again: "
            "kiosk-store root sign --root-key FILE",
            file=sys.stderr,
        )
    return EXIT_OK


def _user_key(store: Store, args) -> int:
    print(f"{args.name}'s signing key: {store.add_key(args.name)}", file=sys.stderr)
    return EXIT_OK


def _item_sign_publications(store: Store, args) -> int:
    print(f"{store.sign_publications(args.actor)} publication(s) signed", file=sys.stderr)
    return EXIT_OK


def _print_pin(pin: tuple[int, str]) -> None:
    print(f'root_version = {pin[0]}\nroot_sha256 = "{pin[1]}"')


def _bounds(args) -> dict[str, int]:
    given = {k.removeprefix("bound_"): v for k, v in vars(args).items() if k.startswith("bound_") and v is not None}
    for name, value in given.items():
        if value < 1:
            raise WorkflowError(f"--{name.replace('_', '-')} must be 1 or more")
    return given


def _root_init(store: Store, args) -> int:
    _print_pin(store.init_root(args.root_key, _bounds(args)))
    print(
        f"the root key is {args.root_key}: move it off this machine and keep it safe; "
        "bring it back only to sign a new root",
        file=sys.stderr,
    )
    return EXIT_OK


def _root_sign(store: Store, args) -> int:
    _print_pin(store.sign_root(args.root_key, args.new_root_key, _bounds(args)))
    return EXIT_OK


def _root_show(store: Store, args) -> int:
    _print_pin(store.root_pin())
    return EXIT_OK


def _store_key_rotate(store: Store, args) -> int:
    _print_pin(store.rotate_store_key(args.root_key))
    return EXIT_OK


def _restore_confirm(store: Store, args) -> int:
    floor = store.confirm_restore()
    print(f"the store serves again; its next versions start above {floor}", file=sys.stderr)
    return EXIT_OK


def _export_feed(store: Store, args) -> int:
    from kiosk.store.export import export_feed

    print(export_feed(store, args.directory))
    return EXIT_OK


def _user_list(store: Store, args) -> int:
    users = store.users()
    if args.json:
        _print_json(users)
    else:
        for u in users:
            _line(u["name"], u["role"], *([u["public_key"]] if u["public_key"] else []))
    return EXIT_OK


def _item_list(store: Store, args) -> int:
    items = store.items()
    if args.json:
        _print_json(items)
    else:
        for i in items:
            live = f"published r{i['published_revision']}" if i["published_revision"] else "not published"
            feed = "in feed" if i["in_feed"] else "not in feed"
            ratings = " ".join(f"{n}" for n in i["ratings"].values())
            _line(
                i["id"],
                f"r{i['revision']} {i['state']}",
                f"{live}, {feed}",
                f"feedback {i['feedback']} (ratings {ratings})",
                i["title"],
            )
    return EXIT_OK


def _device_list(store: Store, args) -> int:
    listing = store.devices()
    if args.json:
        _print_json(listing)
    else:
        for d in listing:
            seen = d["last_seen_at"] or "never seen"
            _line(
                d["name"],
                d["status"],
                seen,
                f"feed v{d['feed_version']}",
                f"outbox {d['outbox_size']}",
                *([f"error: {d['last_error']}"] if d["last_error"] else []),
            )
    return EXIT_OK


def _fleet(store: Store, args) -> int:
    low, high = devices.SILENT_AFTER_BOUNDS
    if not low <= args.silent_after <= high:
        raise WorkflowError(f"--silent-after must be between {low} and {high} seconds")
    rows = devices.fleet(store.devices(), store.feed_version(), store.clock.now(), timedelta(seconds=args.silent_after))
    if args.json:
        _print_json(rows)
        return EXIT_OK
    for d in rows:
        seen = "never seen" if d["silent_seconds"] is None else f"seen {d['silent_seconds']} s ago"
        _line(
            d["name"],
            ",".join(d["problems"]) or "ok",
            seen,
            f"feed v{d['feed_version']} of v{d['store_feed_version']}",
            f"outbox {d['outbox_size']}",
            f"set aside {d['outbox_set_aside']}",
            f"up {d['uptime']} s",
            f"app {d['app_version']}",
            *([f"stale since {d['stale_since']}"] if d["stale_since"] else []),
            *([f"error: {d['last_error']}"] if d["last_error"] else []),
        )
    return EXIT_OK


def _print_json(value) -> None:
    sys.stdout.write(dumps(value) + "\n")


def _line(*fields) -> None:
    """One record of a listing: its fields, each made printable, separated by tabs."""
    print("\t".join(printable(f) for f in fields))


def _item_add(store: Store, args) -> int:
    print(store.add_item(args.file, args.actor))  # the id alone: scripts capture it
    return EXIT_OK


def _item_action(method: str):
    def handler(store: Store, args) -> int:
        if method == "edit_item":
            store.edit_item(args.id, args.file, args.actor)
        else:
            getattr(store, method)(args.id, args.actor)
        return EXIT_OK

    return handler


def _device_enroll(store: Store, args) -> int:
    sys.stdout.write(store.enroll(args.name, args.url))
    return EXIT_OK


def _device_revoke(store: Store, args) -> int:
    store.revoke(args.name)
    return EXIT_OK


def _feedback_list(store: Store, args) -> int:
    records = store.feedback(only=(args.status or "").replace("no-follow-up", "no follow-up") or None)
    if args.json:
        _print_json(records)
    else:
        for r in records:
            what = r["kind_name"] + (f" {r['rating_name']}" if r["rating_name"] else "")
            due = f"due {r['due_at'][:10]}" if r["due_at"] else ""
            text = " ".join(r["text"].split())
            _line(
                r["reference"],
                r["received_at"][:16],
                r["kiosk"],
                what,
                f"{r['status']} {due}",
                r["item_id"] or "-",
                text[:40],
            )
    return EXIT_OK


def _feedback_show(store: Store, args) -> int:
    record = store.feedback_record(args.key)
    if args.json:
        _print_json(record)
    else:
        for key, value in record.items():
            print(f"{key}: {printable(value)}")
    return EXIT_OK


def _feedback_resolve(store: Store, args) -> int:
    store.resolve_feedback(args.key, args.actor, args.note)
    return EXIT_OK


def _feedback_export(store: Store, args) -> int:
    data = store.export_feedback()
    if args.output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        files.write_private(args.output, data)  # contact data: owner-only
    return EXIT_OK


def _feedback_policy(store: Store, args) -> int:
    store.set_follow_up_days(args.follow_up_days)
    return EXIT_OK


_HANDLERS = {
    ("feedback", "list"): _feedback_list,
    ("feedback", "show"): _feedback_show,
    ("feedback", "resolve"): _feedback_resolve,
    ("feedback", "export"): _feedback_export,
    ("feedback", "policy"): _feedback_policy,
    ("user", "add"): _user_add,
    ("user", "list"): _user_list,
    ("user", "retire"): _user_retire,
    ("user", "key"): _user_key,
    ("item", "sign-publications"): _item_sign_publications,
    ("root", "init"): _root_init,
    ("root", "sign"): _root_sign,
    ("root", "show"): _root_show,
    ("store-key", "rotate"): _store_key_rotate,
    ("restore", "confirm"): _restore_confirm,
    ("export-feed", "export"): _export_feed,
    ("item", "add"): _item_add,
    ("item", "edit"): _item_action("edit_item"),
    ("item", "submit"): _item_action("submit"),
    ("item", "approve"): _item_action("approve"),
    ("item", "publish"): _item_action("publish"),
    ("item", "withdraw"): _item_action("withdraw"),
    ("item", "list"): _item_list,
    ("device", "enroll"): _device_enroll,
    ("device", "revoke"): _device_revoke,
    ("device", "list"): _device_list,
    ("fleet", "show"): _fleet,
}


def _serve(
    store: Store,
    host: str,
    port: int,
    burst: float = 100.0,
    rate: float = 5.0,
    limits: ServeLimits | None = None,
    poll_interval: float | None = None,
) -> int:
    import uvicorn

    from kiosk.store import http11
    from kiosk.store.server import FloodGuard, create_app

    limits = limits or ServeLimits()
    upgrade(store.db, store.data_dir)
    store.check_initialised()
    if store.has_root():
        from kiosk.store import trust_repo

        with store.db.read() as session:  # a restored database must not serve until confirmed
            trust_repo.check_not_restored(session, store.data_dir)
    app = create_app(store, poll_interval=poll_interval, flood_guard=FloodGuard(burst=burst, rate=rate), limits=limits)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        sock = socket.create_server((host, port), family=family)
    except OSError as exc:
        raise DatabaseError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    # Accepted connections inherit it: without it every reused keep-alive connection stalls
    # ~40 ms per answer (Nagle's algorithm against the client's delayed ACK).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    bound_port = sock.getsockname()[1]
    shown_host = f"[{host}]" if family == socket.AF_INET6 else host

    class Server(uvicorn.Server):
        async def startup(self, sockets=None) -> None:
            await super().startup(sockets)
            if self.started:  # tests read the port from this line
                print(f"listening on http://{shown_host}:{bound_port}", flush=True)

    # uvicorn's own bounds where it has them (idle keep-alive, head size, connections); the
    # header deadline is our protocol's (uvicorn has none), the rest is in the app's guards.
    config = uvicorn.Config(
        app,
        log_level="warning",
        server_header=False,
        timeout_graceful_shutdown=2,
        access_log=False,
        http=http11.protocol(limits.header_timeout),
        timeout_keep_alive=limits.keep_alive,
        h11_max_incomplete_event_size=limits.header_bytes,
        limit_concurrency=limits.max_connections,
    )
    with sock:
        Server(config).run(sockets=[sock])
    return EXIT_OK
