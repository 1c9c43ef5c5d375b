"""A stand-in kiosk for the SIGKILL test: the real outbox and the real upload code, no GUI.

    python feedback_driver.py CONFIG submit TEXT   # drain what waits, submit one, upload it
    python feedback_driver.py CONFIG drain         # upload everything that waits

It prints ``ready`` (imports done), ``made ID`` (before the commit), ``thanks ID`` (the
commit returned: the moment the touch screen would show "thank you") and ``acked`` (the
store answered and the local copy is gone), each flushed at once, so the test knows how far
each killed run got.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kiosk import config as config_module
from kiosk import feedback as fb
from kiosk.clock import SystemClock
from kiosk.outbox import Outbox
from kiosk.sync.backoff import Backoff
from kiosk.sync.transport import StoreClient
from kiosk.sync.upload import FeedbackUploader


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main() -> int:
    config = config_module.load(Path(sys.argv[1]))
    outbox = Outbox(config.outbox_file)
    client = StoreClient(config.store.url, config.store.device_token, timeout=config.store.timeout)
    uploader = FeedbackUploader(client, outbox, Backoff(base=0.01, cap=0.05))
    say("ready")
    for _ in range(100):  # what an earlier, killed run left behind
        if uploader.run(force=True).error is None:
            break
    if sys.argv[2] == "submit":
        record = fb.new("suggestion", text=sys.argv[3], now=SystemClock().now())
        say(f"made {record.id}")
        outbox.submit(record, SystemClock().now())
        say(f"thanks {record.id}")
        uploader.run(force=True)
        if outbox.counts()["pending"] == 0:
            say("acked")
    client.close()
    outbox.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
