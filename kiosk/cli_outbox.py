"""The feedback commands of the ``kiosk`` command line: ``outbox --json``, ``outbox retry``,
and the upload round that ``sync --once`` ends with. Nothing here prints text or contact data."""

from __future__ import annotations

import json
import sys
from typing import Any

from kiosk.config import Config
from kiosk.exits import EXIT_FAILURE, EXIT_OK


def upload_once(config: Config) -> int:
    """One upload round of what waits in the outbox, back-off ignored; 0 or EXIT_FAILURE."""
    from kiosk.outbox import Outbox
    from kiosk.sync.syncer import client_for
    from kiosk.sync.upload import FeedbackUploader

    if not config.outbox_file.exists():
        return EXIT_OK
    outbox = Outbox(config.outbox_file)
    client = client_for(config)
    try:
        round_ = FeedbackUploader(client, outbox).run(force=True)
        waiting = outbox.counts()
    finally:
        client.close()
        outbox.close()
    if round_.sent or round_.rejected:
        aside = (
            f", {round_.rejected} set aside after the store's refusal (kiosk outbox --json)" if round_.rejected else ""
        )
        print(f"feedback: {round_.sent} sent{aside}")
    if round_.error is not None:
        print(
            f"kiosk: feedback upload failed: {round_.error}; {waiting['pending']} waiting in the outbox, "
            "sent at the next attempt",
            file=sys.stderr,
        )
        return EXIT_FAILURE
    return EXIT_OK


def counts(config: Config) -> dict[str, Any]:
    """Feedback waiting for the store, and set aside after the store's refusal."""
    from kiosk.outbox import Outbox

    if not config.outbox_file.exists():
        return {"pending": 0, "rejected": 0}
    outbox = Outbox(config.outbox_file)
    try:
        return outbox.counts()
    finally:
        outbox.close()


def listing_json(config: Config) -> int:
    from kiosk.outbox import Outbox

    entries: list[dict[str, Any]] = []
    if config.outbox_file.exists():
        outbox = Outbox(config.outbox_file)
        try:
            entries = outbox.listing()  # without text or contact data
        finally:
            outbox.close()
    report = {
        "pending": sum(e["state"] == "pending" for e in entries),
        "rejected": sum(e["state"] == "rejected" for e in entries),
        "entries": entries,
    }
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return EXIT_OK


def retry(config: Config, ids: list[str]) -> int:
    """``kiosk outbox retry [ID…]``: set-aside records back in the queue (nothing is deleted)."""
    from kiosk.outbox import Outbox

    if not config.outbox_file.exists():
        requeued: list[str] = []
        unknown = list(ids)
    else:
        outbox = Outbox(config.outbox_file)
        try:
            requeued, unknown = outbox.requeue(ids or None)
        finally:
            outbox.close()
    print(f"{len(requeued)} records back in the queue; the next upload sends them")
    if unknown:
        print(
            f"kiosk: no record set aside under {', '.join(repr(u) for u in unknown)} (kiosk outbox --json lists them)",
            file=sys.stderr,
        )
        return EXIT_FAILURE
    return EXIT_OK
