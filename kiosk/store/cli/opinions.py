"""``kiosk-store feedback``: visitors' feedback from the kiosks. Listing shows no contact
details; reading a record's (``show``), the CSV export (which holds them), resolving and the
follow-up policy are done as an authenticated ``--as`` person and audited."""

from __future__ import annotations

import sys
from pathlib import Path

from kiosk.store import files
from kiosk.store.cli.common import EXIT_OK, Parser, actor_options, line, print_json, said
from kiosk.store.terminal import printable


def add(commands, common: Parser) -> None:
    actor = actor_options()
    opinions = commands.add_parser(
        "feedback", parents=[common], help="visitors' feedback from the kiosks"
    ).add_subparsers(dest="action", required=True, metavar="ACTION", parser_class=Parser)
    listing = opinions.add_parser("list", parents=[common], help="list feedback, newest first (no contact data)")
    listing.add_argument("--json", action="store_true")
    listing.add_argument(
        "--status",
        choices=("open", "overdue", "unresolved", "resolved", "no-follow-up"),
        help="only records in this state",
    )
    show = opinions.add_parser("show", parents=[common, actor], help="one record, contact data included (audited)")
    show.add_argument("key", metavar="ID|REFERENCE")
    show.add_argument("--json", action="store_true")
    resolve = opinions.add_parser("resolve", parents=[common, actor], help="mark a record as answered")
    resolve.add_argument("key", metavar="ID|REFERENCE")
    resolve.add_argument("--note", default="", help="how it was answered")
    export = opinions.add_parser(
        "export", parents=[common, actor], help="every record as CSV (UTF-8 with BOM; audited)"
    )
    export.add_argument("--output", "-o", type=Path, metavar="FILE", help="write here instead of stdout")
    policy = opinions.add_parser("policy", parents=[common, actor], help="set the follow-up time of new records")
    policy.add_argument(
        "--follow-up-days",
        type=int,
        required=True,
        metavar="N",
        help="working days to answer low ratings and written opinions (default 15)",
    )


def _feedback_list(store, args) -> int:
    records = store.feedback(only=(args.status or "").replace("no-follow-up", "no follow-up") or None)
    if args.json:
        print_json(records)
    else:
        for r in records:
            what = r["kind_name"] + (f" {r['rating_name']}" if r["rating_name"] else "")
            due = f"due {r['due_at'][:10]}" if r["due_at"] else ""
            text = " ".join(r["text"].split())
            line(
                r["reference"],
                r["received_at"][:16],
                r["kiosk"],
                what,
                f"{r['status']} {due}",
                r["item_id"] or "-",
                text[:40],
            )
    return EXIT_OK


def _feedback_show(store, args) -> int:
    record = store.feedback_record(args.key, args.actor)
    if args.json:
        print_json(record)
    else:
        for key, value in record.items():
            print(f"{key}: {printable(value)}")
    return EXIT_OK


def _feedback_resolve(store, args) -> int:
    done = store.resolve_feedback(args.key, args.actor, args.note)
    said(f"feedback {done['reference']} resolved")
    return EXIT_OK


def _feedback_export(store, args) -> int:
    data = store.export_feedback(args.actor)
    if args.output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        files.write_private(args.output, data)  # contact data: owner-only
        said(f"feedback written to {args.output}")
    return EXIT_OK


def _feedback_policy(store, args) -> int:
    store.set_follow_up_days(args.follow_up_days, args.actor)
    said(f"new records are due {args.follow_up_days} working days after they arrive")
    return EXIT_OK


HANDLERS = {
    ("feedback", "list"): _feedback_list,
    ("feedback", "show"): _feedback_show,
    ("feedback", "resolve"): _feedback_resolve,
    ("feedback", "export"): _feedback_export,
    ("feedback", "policy"): _feedback_policy,
}
