"""``kiosk-store report --from DATE --to DATE``: the stage report of a period, from the
store's record, as PDF, HTML or CSV (:mod:`kiosk.store.report`). Dates are days in the
store's time zone, first and last included. It holds no contact data, so it needs no
``--as``; the file is written only once the whole report is made."""

from __future__ import annotations

import sys
from pathlib import Path

from kiosk.store import files
from kiosk.store.cli.common import EXIT_OK, Parser, said
from kiosk.store.report import FORMATS
from kiosk.store.report.period import PeriodError, parse_day
from kiosk.store.workflow import WorkflowError


def add(commands, common: Parser) -> None:
    command = commands.add_parser("report", parents=[common], help="the stage report of a period (PDF, HTML or CSV)")
    command.add_argument("--from", dest="first", required=True, metavar="DATE", help="first day (YYYY-MM-DD)")
    command.add_argument("--to", dest="last", required=True, metavar="DATE", help="last day (YYYY-MM-DD), included")
    command.add_argument("--format", choices=FORMATS, default="pdf", help="default pdf")
    command.add_argument(
        "--output", "-o", type=Path, metavar="FILE", help="write here (default: stdout, except for a PDF on a terminal)"
    )
    command.set_defaults(action="write")


def render(made: dict, catalog, form: str) -> bytes:
    from kiosk.store import report
    from kiosk.store.report.pdf import FontMissing

    try:
        return report.render(made, catalog, form)
    except FontMissing as exc:
        raise WorkflowError(str(exc)) from None


def _write(store, args) -> int:
    from kiosk.store import report

    try:
        made = report.of_store(store, parse_day(args.first), parse_day(args.last))
    except PeriodError as exc:
        raise WorkflowError(str(exc)) from None
    data = render(made, report.catalog_of(store), args.format)
    if args.output is not None:
        files.write_private(args.output, data)
        said(f"report {args.first} to {args.last} written to {args.output} ({len(data)} bytes)")
    elif args.format == "pdf" and sys.stdout.isatty():
        raise WorkflowError("a PDF is not for a terminal: give --output FILE")
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return EXIT_OK


HANDLERS = {("report", "write"): _write}
