"""``kiosk-store remark``: supervisors' remarks (:mod:`kiosk.store.supervision`). Adding one
is done as an authenticated ``--as`` supervisor or admin, and audited; listing needs no one."""

from __future__ import annotations

from kiosk.store import staff, supervision
from kiosk.store.cli.common import EXIT_OK, Parser, actor_options, line, print_json, said


def add(commands, common: Parser) -> None:
    remark = commands.add_parser("remark", parents=[common], help="supervisors' remarks").add_subparsers(
        dest="action", required=True, metavar="ACTION", parser_class=Parser
    )
    adding = remark.add_parser("add", parents=[common, actor_options()], help="add a remark (audited)")
    adding.add_argument("text")
    about = adding.add_mutually_exclusive_group()
    about.add_argument("--item", metavar="ID", help="the item the remark is about")
    about.add_argument("--report", metavar="FIRST..LAST", help="the report period the remark is about")
    listing = remark.add_parser("list", parents=[common], help="remarks, newest first")
    listing.add_argument("--json", action="store_true")


def target_of(item: str | None, report: str | None) -> str:
    if item:
        return f"item:{item}"
    if report:
        return f"report:{report}"
    return ""


def _add(store, args) -> int:
    with store.db.write() as session:
        remark = supervision.add(
            session, staff.user(session, args.actor), target_of(args.item, args.report), args.text, store.clock.now()
        )
        said(f"remark {remark.id} added")
    return EXIT_OK


def _list(store, args) -> int:
    with store.db.read() as session:
        remarks = supervision.listing(session)
    if args.json:
        print_json(remarks)
    else:
        for r in remarks:
            line(r["created_at"], r["author"], r["target"] or "-", " ".join(r["text"].split()))
    return EXIT_OK


HANDLERS = {("remark", "add"): _add, ("remark", "list"): _list}
